/**
 * The person should talk to a person: they asked, the dialog says so, or they are stuck.
 *
 * @example { type: "handoff_requested", reason: "user_request", dialog: "intake", step: "age" }
 */
export interface HandoffRequestedEvent {
  readonly type: "handoff_requested";
  readonly reason: string;
  readonly dialog: string;
  readonly step: string;
}
