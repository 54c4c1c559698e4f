import type { SessionStatus } from "../engine/session.js";

/**
 * The conversation paused, resumed, ended, restarted or expired.
 *
 * @example { type: "session_status_changed", status: "paused", reason: "user_pause" }
 * @example { type: "session_status_changed", status: "ended", reason: "completed" }
 */
export interface SessionStatusChangedEvent {
  readonly type: "session_status_changed";
  readonly status: SessionStatus;
  readonly reason:
    | "started"
    | "user_pause"
    | "resumed"
    | "completed"
    | "discarded"
    | "user_stop"
    | "user_restart"
    | "expired"
    | "waiting_for_person"
    | "migrated";
}
