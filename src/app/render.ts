/**
 * Turns the engine's message and question events into text in the person's language, with choice
 * labels and a short hint on how to answer. Channels format the result for their own UI (buttons,
 * lists, numbered lines); this is the one place that decides what the words are.
 */
import type { DialogEvent } from "../dialog/events/index.js";
import type { Audience } from "../dialog/engine/session.js";
import type { Translator } from "../i18n/translator.js";

export interface RenderedChoice {
  readonly id: string;
  readonly label: string;
}

export interface RenderedMessage {
  readonly text: string;
  readonly choices: readonly RenderedChoice[];
  readonly multiple: boolean;
  /** How to answer, when buttons alone do not say it ("You can write skip"). */
  readonly hint?: string;
  readonly urgent: boolean;
  /** What the channel should offer besides text: a location pin or a photo upload. */
  readonly input?: "location" | "photo";
}

function hintKey(event: Extract<DialogEvent, { type: "question" }>): string | undefined {
  if (event.input === "location") return "common:hint.location";
  if (event.input === "photo") return "common:hint.photo";
  if (event.multiple) return "common:hint.multi";
  if (event.choices.length === 0 && event.allowSkip) return "common:hint.skip";
  return undefined;
}

/** The text of a message or question event, or undefined for events that say nothing to the person. */
export function renderEvent(translator: Translator, event: DialogEvent, lang: string, audience?: Audience): RenderedMessage | undefined {
  if (event.type === "message") {
    return { text: translator.render(event.key, lang, event.audience ?? audience, event.params), choices: [], multiple: false, urgent: event.urgent === true };
  }
  if (event.type !== "question") return undefined;
  const who = event.audience ?? audience;
  const hint = hintKey(event);
  return {
    text: translator.render(event.key, lang, who, event.params),
    choices: event.choices.map((c) => ({ id: c.id, label: translator.render(c.key, c.lang ?? lang, who) })),
    multiple: event.multiple,
    ...(hint ? { hint: translator.render(hint, lang, who) } : {}),
    urgent: false,
    ...(event.input === "location" || event.input === "photo" ? { input: event.input } : {}),
  };
}
