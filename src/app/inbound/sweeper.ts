/**
 * Finds work nobody is doing: inbox messages left unprocessed (a crash, or a lease held elsewhere
 * when they arrived), replies queued on a conversation but not yet in the outbox, replies whose
 * retry time has come, and dialogs waiting for the clock (reminders, expiry). Runs at start-up and
 * then every few seconds.
 */
import type { PipelineDeps } from "../pipelineDeps.js";
import { moveToOutbox } from "../outbound/moveToOutbox.js";
import { slaSweep } from "../queue/slaSweep.js";
import type { ConversationWorker } from "./conversationWorker.js";

const LIMIT = 200;

export async function sweepOnce(deps: PipelineDeps, worker: ConversationWorker): Promise<number> {
  const now = deps.clock.now();
  const conversations = new Set<string>();
  for (const { conversation, outbound } of await deps.stores.conversations.listWithPendingOutbound(LIMIT)) {
    await moveToOutbox(deps, conversation, outbound, now);
    conversations.add(conversation.id);
  }
  for (const message of await deps.stores.inbox.listUnprocessed(LIMIT)) conversations.add(message.conversationId);
  for (const id of await deps.stores.outbox.conversationsWithDue(now, LIMIT)) conversations.add(id);
  for (const id of await deps.stores.conversations.listDueTimers(now, LIMIT)) conversations.add(id);
  for (const id of await slaSweep(deps)) conversations.add(id);
  await Promise.all([...conversations].map((id) => worker.kick(id)));
  worker.forgetIdle();
  return conversations.size;
}

export function startSweeper(deps: PipelineDeps, worker: ConversationWorker, intervalMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    try {
      await sweepOnce(deps, worker);
    } catch (error) {
      deps.report?.(error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "SWEEP_FAILED", {});
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
