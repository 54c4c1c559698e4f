/**
 * Builds the question event for a step: its key, audience, and the choices a channel shows. Yes/no
 * questions get yes/no buttons; any question that is not `required` also offers "I don't know"
 * (as a button where there are buttons) and accepts "skip".
 */
import type { ChoiceView, QuestionEvent } from "../events/index.js";
import type { QuestionStep, RepeatStep } from "../schema/dialogSchema.js";
import { qualify, type Turn } from "./turn.js";

export const DONT_KNOW = "dont_know";
export const SKIP = "skip";

/** The choices shown for a question, in order: typed digits pick from this list. */
export function shownChoices(step: QuestionStep, dialogId: string): ChoiceView[] {
  const answer = step.answer;
  const own =
    answer.type === "choice" || answer.type === "multi_choice"
      ? answer.choices.map((c) => ({ id: c.id, key: qualify(c.text, dialogId) }))
      : answer.type === "yes_no"
        ? [
            { id: "yes", key: "common:answer.yes" },
            { id: "no", key: "common:answer.no" },
          ]
        : [];
  const offersDontKnow = !step.required && own.length > 0;
  return offersDontKnow ? [...own, { id: DONT_KNOW, key: "common:answer.dont_know" }] : own;
}

function audience(turn: Turn): { audience?: "child" | "adult" } {
  return turn.session.audience ? { audience: turn.session.audience } : {};
}

export function questionEvent(turn: Turn, step: QuestionStep, dialogId: string): QuestionEvent {
  const answer = step.answer;
  return {
    type: "question",
    key: qualify(step.text, dialogId),
    ...audience(turn),
    input: answer.type,
    choices: shownChoices(step, dialogId),
    multiple: answer.type === "multi_choice",
    allowSkip: !step.required,
    allowDontKnow: !step.required,
  };
}

export function moreQuestionEvent(turn: Turn, step: RepeatStep, dialogId: string): QuestionEvent {
  return {
    type: "question",
    key: qualify(step.more, dialogId),
    ...audience(turn),
    input: "yes_no",
    choices: [
      { id: "yes", key: "common:answer.yes" },
      { id: "no", key: "common:answer.no" },
    ],
    multiple: false,
    allowSkip: false,
    allowDontKnow: false,
  };
}

export function confirmEvent(turn: Turn, command: "restart" | "stop"): QuestionEvent {
  return {
    type: "question",
    key: `common:confirm.${command}`,
    ...audience(turn),
    input: "confirm",
    choices: [
      { id: "yes", key: "common:answer.yes" },
      { id: "no", key: "common:answer.no" },
    ],
    multiple: false,
    allowSkip: false,
    allowDontKnow: false,
  };
}

/** The languages offered, the current one (the channel's hint or a guess) first: a suggestion, never a decision. */
export function menuLanguages(turn: Turn): string[] {
  const offered = turn.env.languages;
  return offered.includes(turn.session.lang) ? [turn.session.lang, ...offered.filter((l) => l !== turn.session.lang)] : [...offered];
}

export function languageMenuEvent(turn: Turn): QuestionEvent {
  return {
    type: "question",
    key: "common:language.choose",
    ...audience(turn),
    input: "language",
    choices: menuLanguages(turn).map((lang) => ({ id: lang, key: "common:language.name", lang })),
    multiple: false,
    allowSkip: false,
    allowDontKnow: false,
  };
}
