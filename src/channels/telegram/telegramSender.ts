/**
 * Sends kinlink's messages to Telegram with grammY's `Api` and reports each attempt as a
 * `DeliveryResult`; the outbox does the retrying, the backoff and the per-conversation order.
 * Every call is bounded by the Api's timeout so that a hanging Bot API cannot hold the sender.
 */
import type { Api } from "grammy";
import type { ChannelSender, DeliveryResult, OutboundContent } from "../../ports/channelPort.js";
import { telegramErrorResult } from "./telegramErrorResult.js";
import { telegramMessages } from "./telegramMarkup.js";

export interface TelegramSenderOptions {
  /** From `createTelegramApi`, whose `timeoutSeconds` bounds every call (a hang becomes a retry). */
  readonly api: Api;
  /**
   * The text of the "share my location" reply-keyboard button. Content carries no label for it yet,
   * so the default is a pin that reads the same in every language; the hint under the question says
   * what to do.
   */
  readonly locationButtonText?: string;
}

export class TelegramSender implements ChannelSender {
  readonly channel = "telegram";
  private readonly api: Api;
  private readonly locationButtonText: string;

  constructor(options: TelegramSenderOptions) {
    this.api = options.api;
    this.locationButtonText = options.locationButtonText ?? "📍";
  }

  /**
   * A long text goes as several messages; if a later part fails, the retry sends the earlier parts
   * again (a repeated paragraph is better than a lost one).
   */
  async deliver(chatId: string, content: OutboundContent): Promise<DeliveryResult> {
    let lastId: number | undefined;
    for (const part of telegramMessages(content, this.locationButtonText)) {
      try {
        const sent = await this.api.sendMessage(chatId, part.text, { reply_markup: part.markup, link_preview_options: { is_disabled: true } });
        lastId = sent.message_id;
      } catch (error) {
        return telegramErrorResult(error);
      }
    }
    return lastId === undefined ? { status: "failed", code: "EMPTY_MESSAGE" } : { status: "sent", channelMessageId: String(lastId) };
  }

  /** Stops the spinner on a pressed inline button. Best effort: an old or repeated query is refused by Telegram, harmlessly. */
  async answerCallbackQuery(callbackQueryId: string): Promise<DeliveryResult> {
    try {
      await this.api.answerCallbackQuery(callbackQueryId);
      return { status: "sent", channelMessageId: callbackQueryId };
    } catch (error) {
      return telegramErrorResult(error);
    }
  }
}
