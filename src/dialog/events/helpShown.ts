/**
 * Help contacts were shown (help command, safe word, or an urgent flag), for the audit trail.
 *
 * @example { type: "help_shown", trigger: "command" }
 */
export interface HelpShownEvent {
  readonly type: "help_shown";
  readonly trigger: "command" | "urgent_flag";
}
