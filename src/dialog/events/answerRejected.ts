/**
 * An answer was not understood; the question is asked again (or the retries ran out).
 *
 * @example { type: "answer_rejected", dialog: "intake", step: "age", reason: "out_of_range", attempt: 1 }
 */
export interface AnswerRejectedEvent {
  readonly type: "answer_rejected";
  readonly dialog: string;
  readonly step: string;
  readonly reason: string;
  readonly attempt: number;
  readonly gaveUp: boolean;
}
