/**
 * What a webhook route reports about requests it refused or skipped, for logs and metrics. It carries
 * a reason code only: never message text, phone numbers, chat ids or secrets.
 * Example: { channel: "whatsapp", kind: "rejected", reason: "BAD_SIGNATURE" }.
 */
import type { Channel } from "../../domain/channel.js";

export interface WebhookNotice {
  readonly channel: Channel;
  /** rejected: 4xx, nothing stored; ignored: acknowledged, not stored; unavailable: the sink failed (503). */
  readonly kind: "rejected" | "ignored" | "unavailable";
  readonly reason: string;
}

export type NoticeListener = (notice: WebhookNotice) => void;

/** Calls the listener, if any, and never lets it break the request. */
export function notify(listener: NoticeListener | undefined, notice: WebhookNotice): void {
  if (!listener) return;
  try {
    listener(notice);
  } catch {
    // A broken logger must not turn an acknowledged webhook into a redelivery loop.
  }
}
