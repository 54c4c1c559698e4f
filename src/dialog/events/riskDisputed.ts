/**
 * The person said the bot got it wrong. The flags stay, marked disputed, for the caseworker.
 *
 * @example { type: "risk_disputed", rules: ["safety.not_safe_now"] }
 */
export interface RiskDisputedEvent {
  readonly type: "risk_disputed";
  readonly rules: readonly string[];
}
