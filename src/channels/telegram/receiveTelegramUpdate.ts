/**
 * The inbound path shared by the webhook and development polling: translate one update, persist it
 * through the sink, then (without waiting) answer a pressed inline button.
 */
import type { InboundSink } from "../../ports/channelPort.js";
import type { Clock } from "../../ports/clock.js";
import { persistAll } from "../http/persistAll.js";
import { notify, type NoticeListener } from "../http/webhookNotice.js";
import { translateTelegramUpdate } from "./translateTelegramUpdate.js";

export interface TelegramReceiveOptions {
  readonly sink: InboundSink;
  /** Time of arrival for callback queries, which carry no date. */
  readonly clock?: Clock;
  /** Usually `TelegramSender.answerCallbackQuery`. Called after the update is stored; errors are ignored. */
  readonly answerCallbackQuery?: (callbackQueryId: string) => Promise<unknown>;
  readonly onNotice?: NoticeListener;
}

/** accepted: stored (or a duplicate); ignored: not for kinlink; invalid: not an update; unavailable: the sink failed. */
export type TelegramReceipt = "accepted" | "ignored" | "invalid" | "unavailable";

const systemClock: Clock = { now: () => new Date() };

function answerLater(answer: ((id: string) => Promise<unknown>) | undefined, callbackQueryId: string | undefined): void {
  if (!answer || callbackQueryId === undefined) return;
  void Promise.resolve()
    .then(() => answer(callbackQueryId))
    .catch(() => undefined);
}

export async function receiveTelegramUpdate(update: unknown, options: TelegramReceiveOptions): Promise<TelegramReceipt> {
  const translation = translateTelegramUpdate(update, (options.clock ?? systemClock).now());
  if (!translation) {
    notify(options.onNotice, { channel: "telegram", kind: "rejected", reason: "INVALID_UPDATE" });
    return "invalid";
  }
  if (translation.kind === "ignored") {
    notify(options.onNotice, { channel: "telegram", kind: "ignored", reason: translation.reason });
    answerLater(options.answerCallbackQuery, translation.callbackQueryId);
    return "ignored";
  }
  if (!(await persistAll(options.sink, [translation.envelope]))) {
    notify(options.onNotice, { channel: "telegram", kind: "unavailable", reason: "SINK_FAILED" });
    return "unavailable";
  }
  answerLater(options.answerCallbackQuery, translation.callbackQueryId);
  return "accepted";
}
