/**
 * The clock's turn in a conversation: a reminder after a pause in answering, or expiry after a long
 * silence (the dialog's `remind_after` / `expire_after`). Runs under the conversation's lease like
 * any other turn, so it never races the person's own messages.
 */
import { checkTimers, nextTimerAt } from "../../dialog/engine/step.js";
import { parseSession } from "../../dialog/engine/session.js";
import type { Conversation } from "../../domain/conversation.js";
import { isKinlinkError } from "../../domain/errors.js";
import { renderReplies } from "../conversation/runTurn.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import { enqueueOutbound } from "../outbound/moveToOutbox.js";

/**
 * Returns the ids of the replies moved to the outbox (for the lease release to drop, see
 * processMessage). `known`: the conversation as a turn of this drain just saved it; when its timer
 * is not due the conversation is not read again (a drain after a message, the usual case, then
 * costs no read here). If something outside the lease changed the timer since, the sweeper's
 * `listDueTimers` finds it.
 */
export async function runTimers(deps: PipelineDeps, conversationId: string, known?: Conversation): Promise<readonly string[]> {
  const now = deps.clock.now();
  if (known && !timerDue(known, now)) return [];
  const conversation = await deps.stores.conversations.get(conversationId);
  if (!conversation || !timerDue(conversation, now)) return [];
  const parsed = conversation.state === null ? undefined : parseSession(conversation.state);
  const result = parsed ? checkTimers(deps.content.dialogs, parsed, deps.content.engineEnv(now, () => "")) : undefined;
  const replies = result ? renderReplies(deps.content, result) : [];
  const outbound = replies.map((content, i) => ({ id: `${conversation.id}:timer:${now.getTime()}#${i}`, sequence: (conversation.version + 1) * 1000 + i, content }));
  try {
    const saved = await deps.stores.conversations.save(
      conversation,
      result ? { state: result.session, timerAt: nextTimerAt(deps.content.dialogs, result.session) } : { timerAt: null },
      outbound,
    );
    return await enqueueOutbound(deps, saved, outbound, now);
  } catch (error) {
    // The person wrote meanwhile: their turn has rescheduled the timer.
    if (!(isKinlinkError(error) && error.code === "CONVERSATION_VERSION_CONFLICT")) throw error;
    return [];
  }
}

function timerDue(conversation: Conversation, now: Date): boolean {
  return conversation.timerAt !== null && conversation.timerAt.getTime() <= now.getTime();
}
