/** Writes a turn to the transcript and to anyone watching the conversation live. */
import type { Input } from "../../dialog/engine/input.js";
import type { Conversation } from "../../domain/conversation.js";
import type { OutboundContent } from "../../ports/channelPort.js";
import type { TranscriptEntry } from "../../ports/transcriptStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";

/** The person's input as a line a caseworker can read; choices by their id, places and photos by a marker. */
export function inputText(input: Input): string {
  switch (input.type) {
    case "text":
      return input.text;
    case "choice":
      return `[${input.id}]`;
    case "command":
      return `[${input.command}]`;
    case "location":
      return `[location ${input.latitude.toFixed(5)}, ${input.longitude.toFixed(5)}${input.name ? ` ${input.name}` : ""}]`;
    case "photo":
      return "[photo]";
    case "media":
      return `[${input.kind}]`;
  }
}

export async function transcribe(
  deps: PipelineDeps,
  conversation: Conversation,
  lines: readonly { readonly from: TranscriptEntry["from"]; readonly text: string; readonly by?: string }[],
  at: Date,
): Promise<void> {
  if (lines.length === 0) return;
  await deps.stores.transcripts.append(lines.map((l) => ({ conversationId: conversation.id, subjectId: conversation.subjectId, ...l, at })));
  for (const line of lines) deps.live?.publish(conversation.id, { at: at.toISOString(), from: line.from, text: line.text, ...(line.by ? { by: line.by } : {}) });
}

export function botLines(replies: readonly OutboundContent[]): { from: "bot"; text: string }[] {
  return replies.map((r) => ({ from: "bot" as const, text: r.choices.length > 0 ? `${r.text} [${r.choices.map((c) => c.label).join(" | ")}]` : r.text }));
}
