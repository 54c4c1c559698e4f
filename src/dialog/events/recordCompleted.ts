import type { AnswerStatus, JsonObject, RiskFlag } from "../engine/session.js";

/**
 * A flow ended with its answers kept: the host stores a case or a tracing request.
 *
 * @example { type: "record_completed", recordType: "case", recordId: "3f0c…", shortRef: "7F3K-9QDZ",
 *            fields: { age: 7, sex: "female" }, answerStatus: { name_last: "dont_know" }, flags: [] }
 */
export interface RecordCompletedEvent {
  readonly type: "record_completed";
  readonly recordType: "case" | "tracing_request";
  readonly dialog: string;
  readonly dialogVersion: number;
  readonly recordId: string;
  readonly shortRef: string;
  readonly fields: JsonObject;
  readonly answerStatus: Readonly<Record<string, AnswerStatus>>;
  readonly flags: readonly RiskFlag[];
}
