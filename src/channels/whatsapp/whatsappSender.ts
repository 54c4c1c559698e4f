/**
 * Sends kinlink's messages through the WhatsApp Cloud API with whatsapp-api-js, and reports each
 * attempt as a `DeliveryResult`; the outbox does the retrying, backoff and per-conversation order.
 * Outside the 24-hour window Meta refuses free-form messages with 131047, reported as
 * `failed / WINDOW_CLOSED`: the caller then sends `deliverReopenTemplate` and keeps the messages
 * waiting until the person replies.
 */
import { WhatsAppAPI } from "whatsapp-api-js";
import { Language, Template } from "whatsapp-api-js/messages";
import type { ClientMessage } from "whatsapp-api-js/types";
import { z } from "zod";
import type { ChannelSender, DeliveryResult, OutboundContent } from "../../ports/channelPort.js";
import { graphFetch } from "./graphFetch.js";
import { whatsappErrorResult } from "./whatsappErrorResult.js";
import { whatsappMessages } from "./whatsappMessages.js";

export interface WhatsAppSenderOptions {
  readonly accessToken: string;
  readonly phoneNumberId: string;
  /** Default Meta's; tests and development point it at a local fake. */
  readonly graphUrl?: string;
  /** Pinned Graph API version; default "v24.0". */
  readonly apiVersion?: string;
  /** Per call; default 10 s. */
  readonly requestTimeoutMs?: number;
  /** The approved, non-sensitive template inviting the person to reply; default "kinlink_reopen". */
  readonly reopenTemplate?: string;
  /** Template language when the person's is not approved (error 132001); default "en". */
  readonly templateFallbackLanguage?: string;
  /** kinlink language → WhatsApp template language ("pt-BR" → "pt_BR" without an entry). */
  readonly templateLanguages?: Readonly<Record<string, string>>;
  /** The list message's menu button. Content carries no label for it yet; default a symbol readable in every language. */
  readonly listButtonText?: string;
}

const SentSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const TEMPLATE_LANGUAGE_MISSING = 132001;

export class WhatsAppSender implements ChannelSender {
  readonly channel = "whatsapp";
  private readonly api: WhatsAppAPI;

  constructor(private readonly options: WhatsAppSenderOptions) {
    this.api = new WhatsAppAPI({
      token: options.accessToken,
      // Signatures are checked by the webhook route over the raw bytes; the sender needs no app secret.
      secure: false,
      v: options.apiVersion ?? "v24.0",
      ponyfill: { fetch: graphFetch({ graphUrl: options.graphUrl, timeoutMs: options.requestTimeoutMs ?? 10_000 }) },
    });
  }

  /** Several messages when the text is long; a failure part-way means the retry repeats the earlier parts. */
  async deliver(to: string, content: OutboundContent): Promise<DeliveryResult> {
    let result: DeliveryResult = { status: "failed", code: "EMPTY_MESSAGE" };
    for (const message of whatsappMessages(content, this.options.listButtonText ?? "☰")) {
      result = await this.send(to, message);
      if (result.status !== "sent") return result;
    }
    return result;
  }

  async deliverReopenTemplate(to: string, lang: string): Promise<DeliveryResult> {
    const name = this.options.reopenTemplate ?? "kinlink_reopen";
    const language = this.options.templateLanguages?.[lang] ?? lang.replace(/-/g, "_");
    const fallback = this.options.templateFallbackLanguage ?? "en";
    const first = await this.send(to, new Template(name, new Language(language)));
    if (first.status === "failed" && first.code === `TEMPLATE_${TEMPLATE_LANGUAGE_MISSING}` && language !== fallback) {
      return this.send(to, new Template(name, new Language(fallback)));
    }
    return first;
  }

  /** Shows the person's message as read (blue ticks); the channel message id is the inbound wamid. */
  async markRead(wamid: string): Promise<DeliveryResult> {
    try {
      await this.api.markAsRead(this.options.phoneNumberId, wamid);
      return { status: "sent", channelMessageId: wamid };
    } catch (error) {
      return whatsappErrorResult(error);
    }
  }

  private async send(to: string, message: ClientMessage): Promise<DeliveryResult> {
    try {
      // The string form of the recipient: the library's object form wrongly requires a BSUID.
      const response = SentSchema.safeParse(await this.api.sendMessage(this.options.phoneNumberId, to, message));
      const id = response.success ? response.data.messages[0]?.id : undefined;
      // A 2xx without a message id: Meta may or may not have taken it; trying again risks a repeat, not a loss.
      return id !== undefined ? { status: "sent", channelMessageId: id } : { status: "retry", code: "UNEXPECTED_RESPONSE" };
    } catch (error) {
      return whatsappErrorResult(error);
    }
  }
}
