import type { RiskCategory, RiskLevel } from "../../domain/risk.js";

/**
 * A risk rule of the dialog fired. Provisional: a caseworker confirms. The host escalates.
 *
 * @example { type: "risk_flagged", rule: "intake.young_child_alone", category: "unaccompanied",
 *            level: "high", dialog: "intake", step: "protection_status", reason: "intake:risk.young_child_alone" }
 */
export interface RiskFlaggedEvent {
  readonly type: "risk_flagged";
  /** `<dialog>.<rule id>`, suffixed with the repeat item (`[1]`) inside a repeat. */
  readonly rule: string;
  readonly category: RiskCategory;
  readonly level: Exclude<RiskLevel, "none">;
  readonly dialog: string;
  readonly step: string;
  readonly reason?: string;
}
