import type { Audience } from "../engine/session.js";

/**
 * A message for the person, as a message key (rendered in their language by the host).
 *
 * @example { type: "message", key: "intake:welcome", audience: "child" }
 * @example { type: "message", key: "common:safety.contacts", urgent: true }
 */
export interface MessageEvent {
  readonly type: "message";
  /** `namespace:key` — the namespace is the dialog id, or `common`. */
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly audience?: Audience;
  /** Help contacts after an urgent flag: channels must send it first, and never drop it. */
  readonly urgent?: boolean;
}
