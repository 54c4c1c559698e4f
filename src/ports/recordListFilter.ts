/** How the console lists one organisation's cases or tracing requests: newest first, filtered, paged. */
import type { RiskLevel } from "../domain/risk.js";

export interface RecordListFilter<S extends string> {
  readonly organisation: string;
  readonly status?: S;
  /** Cases only (tracing requests carry no risk level). */
  readonly riskLevel?: RiskLevel;
  readonly skip?: number;
  readonly limit: number;
}
