/** What the message pipeline needs: content, stores, channel senders, time, and who this instance is. */
import type { Channel } from "../domain/channel.js";
import type { ChannelSender, InboundHints } from "../ports/channelPort.js";
import type { Clock } from "../ports/clock.js";
import type { Stores } from "../ports/stores.js";
import type { Content } from "./content.js";
import type { LiveBus } from "./queue/liveBus.js";
import type { Classifier } from "../risk/classifier.js";

export interface PipelineDeps {
  readonly content: Content;
  readonly stores: Stores;
  readonly senders: ReadonlyMap<Channel, ChannelSender>;
  readonly clock: Clock;
  /** This app instance, as the owner of conversation leases. */
  readonly instanceId: string;
  /**
   * True when no other instance can use the store (the embedded store is locked to one process):
   * every message that arrives then kicks this process's worker, so a drain need not look for
   * messages another instance received.
   */
  readonly soleInstance?: boolean;
  /** A language to suggest at first contact from the channel's hints and the first message's text. */
  readonly suggestLanguage?: (hints: InboundHints, text: string | undefined, offered: readonly string[]) => string | undefined;
  /** Reports failures by stable code and ids only: never message text or personal data. */
  readonly report?: (code: string, context: Readonly<Record<string, string | number>>) => void;
  /** An optional second opinion on free text (a language model); it can only raise the rules' risk. */
  readonly llm?: Classifier;
  /** Live transcript lines for caseworkers watching a conversation. */
  readonly live?: LiveBus;
  /** Alerts for supervisors on duty (an SLA breach); logs by default. */
  readonly alert?: (code: string, context: Readonly<Record<string, string | number>>) => Promise<void>;
  /** 0..1, for retry jitter; injected so tests are repeatable. */
  readonly random?: () => number;
}

/** How long an idle conversation is kept (the dialog's own expiry is shorter and ends it politely). */
export const CONVERSATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A turn lease outlives any one turn by far; it is renewed between messages. */
export const LEASE_MS = 30_000;
