import type { AnswerStatus, JsonValue } from "../engine/session.js";

/**
 * An answer was written to the record. `field` is a path: `age`, or `sought_children[1].name_first`.
 *
 * @example { type: "answer_saved", dialog: "intake", step: "age", field: "age", value: 7, status: "answered" }
 * @example { type: "answer_saved", dialog: "intake", step: "age", field: "age", value: null, status: "dont_know" }
 */
export interface AnswerSavedEvent {
  readonly type: "answer_saved";
  readonly dialog: string;
  readonly step: string;
  readonly field: string;
  readonly value: JsonValue;
  readonly status: AnswerStatus;
}
