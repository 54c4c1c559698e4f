/**
 * Runs each conversation's work one turn at a time: within this process a conversation has at most
 * one drain running (later kicks just ask it to look again), and across processes the conversation's
 * lease decides who drains. A drain processes the inbox in the order the person sent it, then sends
 * the replies in order.
 */
import type { Conversation } from "../../domain/conversation.js";
import { LEASE_MS, type PipelineDeps } from "../pipelineDeps.js";
import { deliverTurnReplies, type TurnReplies } from "../outbound/deliverTurnReplies.js";
import type { InboxMessage } from "../../ports/inboxStore.js";
import { processMessage, sendReadReceipt } from "./processMessage.js";
import { runTimers } from "./runTimers.js";

const INBOX_BATCH = 20;
/**
 * Conversations remembered as their last turn here left them: at most this many, for at most this
 * long (a family answers within seconds; an idle server keeps none of them).
 */
const REMEMBERED = 1024;
const REMEMBERED_MS = 60_000;

export class ConversationWorker {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /**
   * Each recent conversation as the last turn here saved it, most recent last: the next turn reads
   * only its version to know it is unchanged (ConversationStore.current), not the whole state.
   */
  private readonly remembered = new Map<string, { readonly conversation: Conversation; readonly at: number }>();

  constructor(private readonly deps: PipelineDeps) {}

  /** Asks for the conversation to be drained; resolves when this process has done what it could. */
  kick(conversationId: string): Promise<void> {
    const current = this.running.get(conversationId);
    if (current) {
      this.again.add(conversationId);
      return current;
    }
    const run = this.drainLoop(conversationId).finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, run);
    return run;
  }

  /** Resolves when every drain started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async drainLoop(conversationId: string): Promise<void> {
    do {
      this.again.delete(conversationId);
      try {
        await this.drain(conversationId);
      } catch (error) {
        this.remembered.delete(conversationId);
        const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "DRAIN_FAILED";
        this.deps.report?.(code, { conversationId });
        return; // the sweeper retries; never a hot loop on a failing store
      }
    } while (this.again.has(conversationId));
  }

  private async drain(conversationId: string): Promise<void> {
    const conversations = this.deps.stores.conversations;
    const owner = this.deps.instanceId;
    if (!(await conversations.acquireLease(conversationId, owner, LEASE_MS))) return; // another instance drains it
    // Replies now in the outbox (sent or queued) are dropped from the conversation by the release:
    // one write per drain, not one per turn.
    const moved: string[] = [];
    const replies: TurnReplies[] = [];
    try {
      const processed = await this.processInbox(conversationId, owner, replies);
      // Nothing processed, or the person's data erased: nothing of theirs stays remembered.
      if (processed) this.remember(processed);
      else this.remembered.delete(conversationId);
      moved.push(...(await runTimers(this.deps, conversationId, processed)));
      await deliverTurnReplies(this.deps, conversationId, replies, moved, processed);
    } finally {
      await conversations.releaseLease(conversationId, owner, moved);
    }
  }

  private remember(conversation: Conversation): void {
    this.remembered.delete(conversation.id);
    this.remembered.set(conversation.id, { conversation, at: this.deps.clock.now().getTime() });
    this.forgetIdle();
  }

  /** Drops every remembered conversation (a quiet server gives their memory back). */
  forgetAll(): void {
    this.remembered.clear();
  }

  /** Drops remembered conversations past their time, or beyond the bound (the sweeper calls it too). */
  forgetIdle(): void {
    const now = this.deps.clock.now().getTime();
    for (const [id, { at }] of this.remembered) {
      if (this.remembered.size <= REMEMBERED && now - at < REMEMBERED_MS) return;
      this.remembered.delete(id);
    }
  }

  /**
   * The conversation's unprocessed messages, in order; adds each turn's replies, still to send, to
   * `replies`. Returns the conversation as the last message's turn left it, if that turn knew it
   * (undefined when nothing was processed, or the last one erased it or gave up). One read receipt
   * goes for the latest message finished (a burst of ten is one call, not ten), before the replies
   * are delivered, as each message's own receipt did.
   */
  private async processInbox(conversationId: string, owner: string, replies: TurnReplies[]): Promise<Conversation | undefined> {
    const { conversations, inbox } = this.deps.stores;
    let latest: Conversation | undefined;
    // Checked against the stored version before use, so a stale one costs only a full read.
    let previous = this.remembered.get(conversationId)?.conversation;
    let lastRead: InboxMessage | undefined;
    // Renewed only when a third of it is used up: a write per message was a tenth of the store's work.
    let renewedAt = this.deps.clock.now().getTime();
    try {
      for (;;) {
        const batch = await inbox.listUnprocessedFor(conversationId, INBOX_BATCH);
        if (batch.length === 0) return latest;
        for (const message of batch) {
          const processed = await processMessage(this.deps, message, previous);
          if (processed.replies) replies.push(processed.replies);
          latest = previous = processed.conversation;
          if (processed.read) lastRead = message;
          if (this.deps.clock.now().getTime() - renewedAt > LEASE_MS / 3) {
            await conversations.acquireLease(conversationId, owner, LEASE_MS);
            renewedAt = this.deps.clock.now().getTime();
          }
        }
        // Alone, a message that arrived during this batch has kicked this worker (`again`): a short
        // batch was all there was, and asking once more would cost a query per message. With other
        // instances, their messages are found only by looking again while holding the lease.
        if (this.deps.soleInstance === true && batch.length < INBOX_BATCH) return latest;
      }
    } finally {
      // Also when a later message failed: the ones finished before it are read.
      if (lastRead) sendReadReceipt(this.deps, lastRead);
    }
  }
}
