/**
 * What every channel adapter (Telegram, WhatsApp, Botpress, the web playground) gives the use cases,
 * and what it needs from them. Adapters translate; they hold no business rule (ARCHITECTURE.md habit 6).
 *
 * Inbound: an adapter verifies and parses a webhook into `InboundEnvelope`s, hands each to
 * `receive` (which persists it to the inbox before returning), and only then acknowledges.
 * Outbound: the outbox sender calls `ChannelSender.deliver` with channel-neutral content.
 */
import type { Input } from "../dialog/engine/input.js";
import type { Channel } from "../domain/channel.js";

/** A message from a person, as the channel adapter understood it. */
export interface InboundEnvelope {
  readonly channel: Channel;
  /** The channel's own message id: the dedupe key (redeliveries carry the same id). */
  readonly channelMessageId: string;
  /** Where replies go: Telegram chat id, WhatsApp phone number (wa_id), Botpress conversation id, web session id. */
  readonly channelUserId: string;
  readonly input: Input;
  /** When the person sent it, per the channel; orders messages within a conversation. */
  readonly sentAt: Date;
  /** Suggestions for the language menu and the source of the contact, never decisions. */
  readonly hints: InboundHints;
}

export interface InboundHints {
  /** Telegram `from.language_code` ("fr", "pt-BR"). */
  readonly languageCode?: string;
  /** WhatsApp: the sender's phone number with country code, for a country-based language guess. */
  readonly phone?: string;
  /** Telegram `/start <payload>` deep link, e.g. a poster's site tag "site_goma". */
  readonly startPayload?: string;
}

/** A delivery report from the channel (WhatsApp status callbacks). */
export interface DeliveryStatus {
  readonly channel: Channel;
  readonly channelMessageId: string;
  readonly status: "sent" | "delivered" | "read" | "failed";
  readonly at: Date;
  /** The channel's error code for a failure, e.g. "131047" (outside the 24-hour window). Never its text. */
  readonly errorCode?: string;
}

/** What an adapter hands over for persistence, before it acknowledges the webhook. */
export interface InboundSink {
  /**
   * Persists to the inbox (deduplicated) and schedules processing; resolves once it is durable.
   * With `awaitTurn`, resolves only after the conversation's turn ran and its replies were handed
   * to the sender (for request/response channels such as the Botpress relay).
   */
  receive(envelope: InboundEnvelope, options?: { readonly awaitTurn?: boolean }): Promise<"stored" | "duplicate">;
  /** Records a delivery report; unknown message ids are ignored. */
  status(report: DeliveryStatus): Promise<void>;
}

export interface OutboundChoice {
  readonly id: string;
  /** In the person's language. */
  readonly label: string;
}

/** A message to send, already in the person's language. Adapters choose buttons, lists or numbered lines. */
export interface OutboundContent {
  readonly text: string;
  readonly choices: readonly OutboundChoice[];
  readonly multiple: boolean;
  /** How to answer, shown under the text when the channel cannot make it obvious. */
  readonly hint?: string;
  /** Help contacts after an urgent flag. */
  readonly urgent: boolean;
  /** Ask for a location pin or a photo where the channel can. */
  readonly input?: "location" | "photo";
  readonly lang: string;
  readonly direction: "ltr" | "rtl";
}

/**
 * The outcome of one delivery attempt. `retry` (network error, 5xx, 429 with `retryAfterMs`) is tried
 * again with backoff; `failed` is permanent (blocked bot, invalid number) and surfaced to caseworkers.
 */
export type DeliveryResult =
  | { readonly status: "sent"; readonly channelMessageId: string }
  | { readonly status: "retry"; readonly code: string; readonly retryAfterMs?: number }
  | { readonly status: "failed"; readonly code: string };

export interface ChannelSender {
  readonly channel: Channel;
  deliver(channelUserId: string, content: OutboundContent): Promise<DeliveryResult>;
  /**
   * WhatsApp only: outside the 24-hour window, an approved, non-sensitive template that invites the
   * person to reply. Other channels do not define it.
   */
  deliverReopenTemplate?(channelUserId: string, lang: string): Promise<DeliveryResult>;
  /** WhatsApp: shows the person their message was read, once kinlink has processed it. Best effort. */
  markRead?(channelMessageId: string): Promise<DeliveryResult>;
}
