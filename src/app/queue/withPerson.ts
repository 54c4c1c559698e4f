/**
 * A message that arrives while a caseworker holds the conversation: it goes to them (transcript and
 * live), and the bot stays quiet — except that help contacts still go out at once when the person
 * asks for help or writes about danger or self-harm.
 */
import { matchesWord, normalizeForMatch } from "../../dialog/answers/normalize.js";
import type { Input } from "../../dialog/engine/input.js";
import { parseSession } from "../../dialog/engine/session.js";
import type { Conversation } from "../../domain/conversation.js";
import type { OutboundContent } from "../../ports/channelPort.js";
import type { OutboundMessage } from "../../ports/conversationStore.js";
import type { InboxMessage } from "../../ports/inboxStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import { moveToOutbox } from "../outbound/moveToOutbox.js";
import { escalateTurn } from "./escalateTurn.js";
import { botLines, inputText, transcribe } from "./transcribe.js";

function asksForHelp(deps: PipelineDeps, text: string, lang: string): boolean {
  const normalized = normalizeForMatch(text.replace(/^\s*\//, ""));
  return [lang, "en"].some((l) => matchesWord(normalized, deps.content.vocabulary(l).commands.help, false));
}

export function contactsReply(deps: PipelineDeps, lang: string, audience: "child" | "adult" | undefined): OutboundContent {
  const translator = deps.content.translator;
  return { text: translator.render("common:safety.contacts", lang, audience), choices: [], multiple: false, urgent: true, lang, direction: translator.isRtl(lang) ? "rtl" : "ltr" };
}

/** Returns the saved conversation, or undefined after a version conflict (the caller retries). */
export async function withPerson(deps: PipelineDeps, conversation: Conversation, message: InboxMessage, input: Input, now: Date): Promise<Conversation | undefined> {
  const session = conversation.state === null ? undefined : parseSession(conversation.state);
  const lang = session?.lang ?? deps.content.deployment.default_language;
  const text = input.type === "text" ? input.text : undefined;
  const assessment = text ? deps.content.classify(text, lang) : undefined;
  const urgent = assessment?.urgent === true || (text !== undefined && asksForHelp(deps, text, lang));
  const replies = urgent ? [contactsReply(deps, lang, session?.audience)] : [];
  const reasons = (assessment?.reasons ?? []).filter((r) => !r.negated).map((r) => `text:${r.rule}`);
  if (assessment?.escalate) await escalateTurn(deps, conversation, { level: assessment.level, categories: assessment.categories, reasons, caseId: null });
  const outbound: OutboundMessage[] = replies.map((content, i) => ({ id: `${message.id}#${i}`, sequence: (conversation.version + 1) * 1000 + i, content }));
  try {
    const saved = await deps.stores.conversations.save(conversation, { lastInboundAt: message.sentAt.getTime() > now.getTime() ? now : message.sentAt, timerAt: null }, outbound);
    await moveToOutbox(deps, saved, outbound, now);
    await transcribe(deps, saved, [{ from: "person", text: inputText(input) }, ...botLines(replies)], now);
    return saved;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "CONVERSATION_VERSION_CONFLICT") return undefined;
    throw error;
  }
}
