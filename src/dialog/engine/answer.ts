/**
 * Reads a person's input as the answer to the current question: understands it, saves it, checks
 * risk rules, and moves on — or asks again with a localized re-prompt. After the retries run out the
 * person is never trapped: an optional question is recorded as "not understood" and the dialog goes
 * on; a required one offers a person.
 */
import { parseChoice, parseMultiChoice } from "../answers/parseChoice.js";
import { parseDate } from "../answers/parseDate.js";
import { parseNumber } from "../answers/parseNumber.js";
import { parseLocationText, parsePhone, parseText, parseYesNo } from "../answers/parseSimple.js";
import { matchesWord, normalizeForMatch } from "../answers/normalize.js";
import type { ParseResult } from "../answers/result.js";
import type { QuestionStep, RepeatStep } from "../schema/dialogSchema.js";
import { DONT_KNOW, SKIP, shownChoices } from "./ask.js";
import { advance, applySet, goTo } from "./advance.js";
import type { Input } from "./input.js";
import { fieldPath, readField } from "./record.js";
import { checkRisk } from "./risk.js";
import type { AnswerStatus, Frame, JsonValue } from "./session.js";
import { emit, frameDialog, qualify, write, type Turn } from "./turn.js";

type Reading = ParseResult | { readonly ok: "status"; readonly status: "dont_know" | "skipped" };

function typedText(input: Input): string | undefined {
  return input.type === "text" ? input.text : undefined;
}

/** "skip" and "I don't know", typed or pressed, before the answer type is considered. */
function readSpecial(turn: Turn, input: Input): Reading | undefined {
  if (input.type === "choice" && input.id === DONT_KNOW) return { ok: "status", status: "dont_know" };
  if (input.type === "choice" && input.id === SKIP) return { ok: "status", status: "skipped" };
  const text = typedText(input);
  if (text === undefined) return undefined;
  const vocabulary = turn.env.vocabulary(turn.session.lang);
  const normalized = normalizeForMatch(text);
  if (matchesWord(normalized, vocabulary.dont_know, false)) return { ok: "status", status: "dont_know" };
  if (matchesWord(normalized, vocabulary.skip, false)) return { ok: "status", status: "skipped" };
  return undefined;
}

function labelled(turn: Turn, step: QuestionStep, dialogId: string) {
  const { lang, audience } = turn.session;
  return shownChoices(step, dialogId).map((c) => ({ id: c.id, label: turn.env.label(c.key, lang, audience) }));
}

/** Understands the input according to the question's answer type. */
export function readAnswer(turn: Turn, step: QuestionStep, dialogId: string, input: Input): Reading {
  const special = readSpecial(turn, input);
  if (special) return special;
  const answer = step.answer;
  const vocabulary = turn.env.vocabulary(turn.session.lang);
  const choices = labelled(turn, step, dialogId);
  if (input.type === "choice") {
    const choice = choices.find((c) => c.id === input.id);
    if (!choice || answer.type === "multi_choice") return choice ? { ok: true, value: [choice.id] } : { ok: false, reason: "not_a_choice" };
    if (answer.type === "yes_no") return { ok: true, value: choice.id === "yes" };
    return { ok: true, value: choice.id };
  }
  if (input.type === "location") {
    if (answer.type !== "location") return { ok: false, reason: "unexpected_location" };
    const value: JsonValue = { latitude: input.latitude, longitude: input.longitude, ...(input.name ? { text: input.name } : {}) };
    return { ok: true, value };
  }
  if (input.type === "photo") return answer.type === "photo" ? { ok: true, value: { ref: input.ref } } : { ok: false, reason: "unexpected_photo" };
  if (input.type === "media") return { ok: false, reason: "unexpected_media" };
  const text = typedText(input) ?? "";
  switch (answer.type) {
    case "text":
      return parseText(text, answer.max_length);
    case "number":
      return parseNumber(text, answer, vocabulary);
    case "date":
      return parseDate(text, false, turn.env.now, vocabulary);
    case "approx_date":
      return parseDate(text, true, turn.env.now, vocabulary);
    case "choice": {
      const picked = parseChoice(text, choices);
      return picked.ok && picked.value === DONT_KNOW ? { ok: "status", status: "dont_know" } : picked;
    }
    case "multi_choice":
      return parseMultiChoice(text, choices, vocabulary.range_joiners);
    case "yes_no": {
      const digit = normalizeForMatch(text);
      if (!step.required && digit === "3") return { ok: "status", status: "dont_know" };
      return parseYesNo(text, vocabulary);
    }
    case "phone":
      return parsePhone(text);
    case "location":
      return parseLocationText(text);
    case "photo":
      return { ok: false, reason: "not_a_photo" };
  }
}

function save(turn: Turn, frame: Frame, step: QuestionStep, value: JsonValue, status: AnswerStatus, estimated: boolean): void {
  if (step.save) {
    write(turn, fieldPath(frame.scope, step.save), value, status);
    emit(turn, { type: "answer_saved", dialog: frame.dialog, step: frame.step, field: fieldPath(frame.scope, step.save), value, status });
  }
  if (step.save_estimated && status === "answered") write(turn, fieldPath(frame.scope, step.save_estimated), estimated);
  const audienceFor = typeof value === "string" ? step.audience_from?.[value] : undefined;
  if (audienceFor) turn.session.audience = audienceFor;
  applySet(turn, frame, step);
}

function reject(turn: Turn, frame: Frame, step: QuestionStep, result: { reason: string; params?: Readonly<Record<string, string | number>> }): void {
  const dialog = frameDialog(turn, frame);
  const limit = step.retries ?? dialog.settings.retries;
  frame.retries += 1;
  const gaveUp = frame.retries > limit;
  emit(turn, { type: "answer_rejected", dialog: frame.dialog, step: frame.step, reason: result.reason, attempt: frame.retries, gaveUp });
  const audience = turn.session.audience ? { audience: turn.session.audience } : {};
  if (!gaveUp) {
    // A voice note or a photo where words were expected gets its own answer, not the question's format hint.
    const own = step.invalid && !result.reason.startsWith("unexpected_");
    const key = own && step.invalid ? qualify(step.invalid, frame.dialog) : `common:invalid.${result.reason}`;
    emit(turn, { type: "message", key, ...(result.params ? { params: result.params } : {}), ...audience });
  } else if (!step.required) {
    save(turn, frame, step, null, "not_understood", false);
    emit(turn, { type: "message", key: "common:invalid.moving_on", ...audience });
    goTo(turn, frame, step.on_fail ?? step.next);
  } else {
    // A required answer we cannot understand: offer a person rather than looping forever.
    frame.retries = 0;
    emit(turn, { type: "message", key: "common:invalid.offer_person", ...audience });
    emit(turn, { type: "handoff_requested", reason: "not_understood", dialog: frame.dialog, step: frame.step });
  }
}

export function answerQuestion(turn: Turn, frame: Frame, step: QuestionStep, input: Input): void {
  const reading = readAnswer(turn, step, frame.dialog, input);
  if (reading.ok === false) {
    reject(turn, frame, step, reading);
  } else if (reading.ok === "status") {
    if (step.required) reject(turn, frame, step, { reason: "required" });
    else {
      save(turn, frame, step, null, reading.status, false);
      goTo(turn, frame, step.next);
    }
  } else {
    save(turn, frame, step, reading.value, "answered", reading.estimated === true);
    checkRisk(turn, frame, step.risk ?? []);
    goTo(turn, frame, step.next);
  }
  advance(turn);
}

/** "Another one?" after each item of a repeat. */
export function answerMore(turn: Turn, frame: Frame, step: RepeatStep, input: Input): void {
  const text = typedText(input);
  const reading: ParseResult =
    input.type === "choice" ? { ok: true, value: input.id === "yes" } : parseYesNo(text ?? "", turn.env.vocabulary(turn.session.lang));
  if (!reading.ok) {
    emit(turn, { type: "message", key: "common:invalid.not_yes_no" });
  } else {
    const items = readField(turn.session, frame.scope, step.save).value;
    const count = Array.isArray(items) ? items.length : 0;
    if (reading.value === true && count < step.max) {
      delete frame.askingMore;
    } else {
      if (reading.value === true) emit(turn, { type: "message", key: "common:repeat.limit", params: { max: step.max, count: step.max } });
      goTo(turn, frame, step.next);
    }
  }
  advance(turn);
}
