/**
 * Sends messages to the person outside their own turn (a caseworker's reply, the bot taking the
 * conversation back, help contacts re-sent after an SLA breach). Takes the conversation's lease like
 * a turn, so these messages are ordered with the bot's own, then lets the worker deliver them.
 */
import { parseSession, type Session } from "../../dialog/engine/session.js";
import type { Conversation, ConversationChanges } from "../../domain/conversation.js";
import type { OutboundContent } from "../../ports/channelPort.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import { LEASE_MS } from "../pipelineDeps.js";
import { moveToOutbox } from "../outbound/moveToOutbox.js";
import { transcribe } from "./transcribe.js";

export interface Outgoing {
  readonly replies: readonly OutboundContent[];
  readonly from: "bot" | "caseworker";
  readonly by?: string;
  readonly changes?: ConversationChanges;
}

const LEASE_WAIT_MS = 5_000;

async function lease(deps: PipelineDeps, conversationId: string, owner: string): Promise<boolean> {
  const until = Date.now() + LEASE_WAIT_MS;
  for (;;) {
    if (await deps.stores.conversations.acquireLease(conversationId, owner, LEASE_MS)) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Returns false when the conversation is gone (erased or expired) or stayed busy too long. */
export async function sendToPerson(
  deps: PipelineDeps,
  conversationId: string,
  owner: string,
  build: (conversation: Conversation, session: Session | undefined) => Outgoing,
): Promise<boolean> {
  if (!(await lease(deps, conversationId, owner))) return false;
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const conversation = await deps.stores.conversations.get(conversationId);
      if (!conversation) return false;
      const session = conversation.state === null ? undefined : parseSession(conversation.state);
      const out = build(conversation, session);
      const now = deps.clock.now();
      const outbound = out.replies.map((content, i) => ({ id: `${conversationId}:${owner}:${now.getTime()}#${i}`, sequence: (conversation.version + 1) * 1000 + i, content }));
      try {
        const saved = await deps.stores.conversations.save(conversation, out.changes ?? {}, outbound);
        await moveToOutbox(deps, saved, outbound, now);
        await transcribe(deps, saved, out.replies.map((r) => ({ from: out.from, text: r.text, ...(out.by ? { by: out.by } : {}) })), now);
        return true;
      } catch (error) {
        if (!(error instanceof Error && "code" in error && error.code === "CONVERSATION_VERSION_CONFLICT")) throw error;
      }
    }
    return false;
  } finally {
    await deps.stores.conversations.releaseLease(conversationId, owner);
  }
}

/** A caseworker's or the bot's plain message in the person's language and direction. */
export function plainReply(deps: PipelineDeps, text: string, session: Session | undefined): OutboundContent {
  const lang = session?.lang ?? deps.content.deployment.default_language;
  return { text, choices: [], multiple: false, urgent: false, lang, direction: deps.content.translator.isRtl(lang) ? "rtl" : "ltr" };
}
