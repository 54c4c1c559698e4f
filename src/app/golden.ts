/**
 * Golden conversations: a dialog's behaviour as a transcript file (`test/dialogs/*.json`). The author
 * writes the dialog, language and inputs; `kinlink dialogs test --update` (or UPDATE_GOLDEN=1) plays
 * them on a fixed clock with counting ids and writes what the bot said and the events it emitted.
 * Review that diff like code; never edit a transcript by hand.
 */
import { z } from "zod";
import type { DialogEvent } from "../dialog/events/index.js";
import { InputSchema, type Input } from "../dialog/engine/input.js";
import { AudienceSchema, JsonValueSchema, type Session } from "../dialog/engine/session.js";
import { checkTimers, startSession, type StepResult } from "../dialog/engine/step.js";
import { runTurn } from "./conversation/runTurn.js";
import type { Content } from "./content.js";
import { renderEvent } from "./render.js";

const WaitSchema = z.strictObject({ wait: z.string().regex(/^\d+(m|h|d)$/) });
const GoldenInputSchema = z.union([z.string(), InputSchema, WaitSchema]);
export type GoldenInput = z.infer<typeof GoldenInputSchema>;

const TranscriptTurnSchema = z.strictObject({
  in: GoldenInputSchema.optional(),
  say: z.array(z.string()),
  events: z.array(JsonValueSchema),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

export const GoldenSchema = z.strictObject({
  description: z.string().optional(),
  /** The flow to start; without it, the conversation starts at "How can I help you?" like a channel's first contact. */
  dialog: z.string().optional(),
  lang: z.string(),
  /** Start with the language menu, as on a channel's first contact. */
  chooseLanguage: z.boolean().default(false),
  audience: AudienceSchema.optional(),
  /** The fixed clock at the first turn; each input moves it one minute on. */
  now: z.string().datetime().default("2026-01-15T09:00:00.000Z"),
  inputs: z.array(GoldenInputSchema),
  transcript: z.array(TranscriptTurnSchema).optional(),
});
export type Golden = z.infer<typeof GoldenSchema>;

/** Counting UUIDs: the same on every run. */
export function countingUuids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

function minutes(duration: string): number {
  const n = Number(duration.slice(0, -1));
  return duration.endsWith("d") ? n * 1440 : duration.endsWith("h") ? n * 60 : n;
}

/** One line a person would see: the text, the numbered choices, the hint. */
export function sayLine(content: Content, event: DialogEvent, lang: string): string | undefined {
  const rendered = renderEvent(content.translator, event, lang);
  if (!rendered) return undefined;
  const choices = rendered.choices.map((c, i) => `${i + 1}) ${c.label}`).join(" | ");
  return [rendered.urgent ? `(!) ${rendered.text}` : rendered.text, choices ? `[${choices}]` : "", rendered.hint ? `(${rendered.hint})` : ""]
    .filter((part) => part !== "")
    .join(" ");
}

function toTurn(content: Content, result: StepResult, input: GoldenInput | undefined): TranscriptTurn {
  const say: string[] = [];
  const events: z.infer<typeof JsonValueSchema>[] = [];
  for (const event of result.events) {
    const line = sayLine(content, event, result.session.lang);
    if (line !== undefined) say.push(line);
    else events.push(JsonValueSchema.parse(JSON.parse(JSON.stringify(event))));
  }
  return { ...(input !== undefined ? { in: input } : {}), say, events };
}

/** Plays a golden file's inputs and returns the transcript (and the final session, for inspection). */
export function playGolden(content: Content, golden: Golden): { transcript: TranscriptTurn[]; session: Session } {
  const uuid = countingUuids();
  let now = new Date(golden.now);
  const env = () => content.engineEnv(now, uuid);
  const options = { lang: golden.lang, chooseLanguage: golden.chooseLanguage, ...(golden.audience ? { audience: golden.audience } : {}) };
  let result = startSession(content.dialogs, golden.dialog, options, env());
  const transcript = [toTurn(content, result, undefined)];
  for (const input of golden.inputs) {
    if (typeof input === "object" && "wait" in input) {
      now = new Date(now.getTime() + minutes(input.wait) * 60_000);
      result = checkTimers(content.dialogs, result.session, env());
    } else {
      now = new Date(now.getTime() + 60_000);
      const parsed: Input = typeof input === "string" ? { type: "text", text: input } : input;
      // The same turn as every channel's: free text is triaged for risk before the dialog reads it.
      const outcome = runTurn(content, { state: result.session, input: parsed, now, uuid });
      result = { session: outcome.session, events: outcome.events };
    }
    transcript.push(toTurn(content, result, input));
  }
  return { transcript, session: result.session };
}
