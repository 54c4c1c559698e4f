/** A lexicon match before exclusions and negation are applied: what matched, and where. */
import type { RiskCategory } from "../domain/risk.js";
import type { Reason } from "./assessment.js";

export interface Match {
  readonly category: RiskCategory;
  readonly id: string;
  readonly level: Reason["level"];
  readonly start: number;
  readonly end: number;
  /** Token spans the quoted words come from (a near rule has two). */
  readonly spans: readonly (readonly [number, number])[];
}
