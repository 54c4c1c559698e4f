/**
 * Sends a conversation's due replies, oldest first, under its lease, so one person's messages arrive
 * in order whatever instance sends them. A temporary failure holds this and every later reply until
 * the retry time (429's retry_after, or exponential backoff); a permanent one (blocked, invalid
 * number) is marked failed for caseworkers to see. Outside WhatsApp's 24-hour window nothing
 * free-form is sent: the approved template invites the person to reply, and the replies wait.
 */
import { withinReplyWindow, WHATSAPP_REPLY_WINDOW_MS, type Conversation } from "../../domain/conversation.js";
import type { DeliveryResult } from "../../ports/channelPort.js";
import type { OutboxMessage } from "../../ports/outboxStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import { OutboundContentSchema } from "./outboundContent.js";

const BATCH = 50;
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10 * 60_000;
/** After this many attempts a message is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 12;

export function backoffMs(attempts: number, random: () => number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempts);
  return Math.round(exponential * (0.5 + random() / 2)); // jitter: retries from many conversations spread out
}

export async function deliverOne(deps: PipelineDeps, message: OutboxMessage): Promise<DeliveryResult> {
  const sender = deps.senders.get(message.channel);
  if (!sender) return { status: "failed", code: "CHANNEL_NOT_CONFIGURED" };
  const content = OutboundContentSchema.safeParse(message.content);
  if (!content.success) return { status: "failed", code: "CONTENT_INVALID" };
  try {
    return await sender.deliver(message.channelUserId, content.data);
  } catch {
    // An adapter should not throw; if it does, treat it as temporary rather than lose the reply.
    return { status: "retry", code: "SENDER_THREW" };
  }
}

/**
 * Records a delivery attempt of a message the outbox holds; returns "held" when it could not go yet
 * (and every later one waits with it).
 */
export async function handleResult(deps: PipelineDeps, conversationId: string, message: OutboxMessage, result: DeliveryResult): Promise<"next" | "held"> {
  const now = deps.clock.now();
  const outbox = deps.stores.outbox;
  if (result.status === "sent") {
    await outbox.markSent(message.id, result.channelMessageId, now);
    return "next";
  }
  if (result.status === "failed") {
    if (result.code === "WINDOW_CLOSED") return holdForWindow(deps, conversationId, message);
    await outbox.markFailed(message.id, result.code, null);
    deps.report?.("DELIVERY_FAILED", { outboxId: message.id, code: result.code });
    return "next";
  }
  if (message.attempts + 1 >= MAX_DELIVERY_ATTEMPTS) {
    await outbox.markFailed(message.id, result.code, null);
    deps.report?.("DELIVERY_GAVE_UP", { outboxId: message.id, code: result.code });
    return "next";
  }
  const retryAt = new Date(now.getTime() + (result.retryAfterMs ?? backoffMs(message.attempts, deps.random ?? Math.random)));
  await outbox.markRetry(message.id, result.code, retryAt);
  await outbox.postpone(conversationId, retryAt);
  return "held";
}

async function holdForWindow(deps: PipelineDeps, conversationId: string, message: OutboxMessage): Promise<"held"> {
  const now = deps.clock.now();
  const sender = deps.senders.get(message.channel);
  const content = OutboundContentSchema.safeParse(message.content);
  const lang = content.success ? content.data.lang : deps.content.deployment.default_language;
  // Held until the person writes again (the inbound path releases them); the template asks them to.
  const until = new Date(now.getTime() + WHATSAPP_REPLY_WINDOW_MS);
  await deps.stores.outbox.markRetry(message.id, "WINDOW_CLOSED", until);
  await deps.stores.outbox.postpone(conversationId, until);
  if (message.lastError !== "WINDOW_CLOSED" && sender?.deliverReopenTemplate) await sender.deliverReopenTemplate(message.channelUserId, lang);
  return "held";
}

/**
 * `known`: the conversation as a turn of this drain just saved it, under the same lease (its
 * `lastInboundAt` is current: only turns under the lease change it); without it the conversation is
 * read when a WhatsApp reply is due.
 */
export async function deliverConversation(deps: PipelineDeps, conversationId: string, known?: Conversation): Promise<void> {
  // Read only when a WhatsApp reply is due (the reply window): most drains have nothing to check.
  let conversation: Conversation | null | undefined = known;
  for (;;) {
    const due = await deps.stores.outbox.listDueFor(conversationId, deps.clock.now(), BATCH);
    if (due.length === 0) return;
    for (const message of due) {
      if (message.channel === "whatsapp" && conversation === undefined) conversation = await deps.stores.conversations.get(conversationId);
      if (conversation && message.channel === "whatsapp" && !withinReplyWindow(conversation, deps.clock.now())) {
        await holdForWindow(deps, conversationId, message);
        return;
      }
      if ((await handleResult(deps, conversationId, message, await deliverOne(deps, message))) === "held") return;
    }
    if (due.length < BATCH) return;
  }
}
