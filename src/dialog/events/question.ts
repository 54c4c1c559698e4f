import type { Audience } from "../engine/session.js";

/** A choice the channel shows as a button or list row; `lang` renders its label in another language (menus of languages). */
export interface ChoiceView {
  readonly id: string;
  readonly key: string;
  readonly lang?: string;
}

/**
 * A question for the person, with what the channel should offer to answer it.
 *
 * @example { type: "question", key: "intake:age.question", audience: "adult", input: "number",
 *            choices: [], allowSkip: true, allowDontKnow: true, multiple: false }
 */
export interface QuestionEvent {
  readonly type: "question";
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly audience?: Audience;
  /** What kind of answer is expected, so a channel can offer a location button or a photo upload. */
  readonly input: "text" | "number" | "date" | "approx_date" | "choice" | "multi_choice" | "yes_no" | "phone" | "location" | "photo" | "confirm" | "language";
  readonly choices: readonly ChoiceView[];
  readonly multiple: boolean;
  readonly allowSkip: boolean;
  readonly allowDontKnow: boolean;
}
