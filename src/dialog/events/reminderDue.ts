/**
 * The person stopped answering mid-dialog; the host may send the reminder message that follows this event.
 *
 * @example { type: "reminder_due", step: "age" }
 */
export interface ReminderDueEvent {
  readonly type: "reminder_due";
  readonly step: string;
}
