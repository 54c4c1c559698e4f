/**
 * What caseworkers do with the queue, as use cases behind one interface: the JSON API (and later
 * the console) call these; they check the actor's role, audit-log every read and change, and never
 * return more than the role may see. Channel-neutral: a reply goes out through the family's channel.
 */
import type { Escalation } from "../../domain/escalation.js";
import { KinlinkError } from "../../domain/errors.js";
import type { RiskCategory, RiskLevel } from "../../domain/risk.js";
import type { QuickReply } from "./quickReplies.js";

export type Role = "caseworker" | "supervisor" | "admin";

/** Who is acting: resolved by the API's authentication, never taken from the request body. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly organisation: string;
}

/** A queue row: no personal data (no names, no message text), enough to decide what to pick up. */
export interface QueueItem {
  readonly id: string;
  readonly status: Escalation["status"];
  readonly riskLevel: RiskLevel;
  readonly riskCategories: readonly RiskCategory[];
  /** Codes such as `text:en:self_harm.wish_to_die`, `rule:intake.not_safe_now`, `handoff:user_request`. */
  readonly reasons: readonly string[];
  readonly priority: number;
  readonly assignee: string | null;
  readonly slaDueAt: string;
  readonly slaBreached: boolean;
  readonly createdAt: string;
  readonly channel: string | null;
  readonly language: string | null;
}

export interface TranscriptLine {
  readonly at: string;
  readonly from: "person" | "bot" | "caseworker";
  readonly text: string;
  /** Caseworker lines: who wrote it. */
  readonly by?: string;
}

/** What a caseworker sees on picking up a conversation (audit-logged as a read of the case). */
export interface Handoff {
  readonly escalation: QueueItem;
  /** The answers collected so far, by Primero field name. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly flags: readonly { readonly rule: string; readonly category: RiskCategory; readonly level: RiskLevel; readonly disputed: boolean }[];
  /** The conversation, oldest first (the person's own words, the bot's replies, caseworker replies). */
  readonly transcript: readonly TranscriptLine[];
  /** How replies reach the person: in their language (the deployment's default before they chose), worded for a child or an adult when known. */
  readonly recipient: { readonly language: string; readonly audience: "child" | "adult" | null };
}

/** A transcript line with its translation into the caseworker's language (null: not translated, e.g. their own lines). */
export interface TranslatedLine extends TranscriptLine {
  readonly translation: string | null;
}

export interface QueueCount {
  readonly listed: number;
  readonly waiting: number;
}

export type QueueOutcome = "resolved" | "referred" | "no_action_needed" | "duplicate";

export interface QueueService {
  list(actor: Actor, page: { readonly limit: number; readonly skip?: number }): Promise<QueueItem[]>;
  /** The size of the organisation's queue: every row `list` pages through, and those waiting for someone (not claimed). */
  count(actor: Actor): Promise<QueueCount>;
  handoff(actor: Actor, escalationId: string): Promise<Handoff>;
  claim(actor: Actor, escalationId: string): Promise<QueueItem>;
  /** Back to the queue for someone else. */
  release(actor: Actor, escalationId: string): Promise<QueueItem>;
  /** Hands a claimed escalation to a colleague (supervisors, or the assignee). */
  transfer(actor: Actor, escalationId: string, toUserId: string): Promise<QueueItem>;
  resolve(actor: Actor, escalationId: string, outcome: QueueOutcome): Promise<QueueItem>;
  /** The bot takes the conversation up again where it left it; the escalation is resolved. */
  handBack(actor: Actor, escalationId: string): Promise<QueueItem>;
  /** Sends a message to the family through their channel (WhatsApp's window respected). */
  reply(actor: Actor, escalationId: string, text: string): Promise<void>;
  /** Sends a quick reply, rendered in the family's language and for their audience (see quickReplies.ts). */
  replyQuick(actor: Actor, escalationId: string, quick: QuickReply): Promise<void>;
  /** Live transcript lines of a claimed conversation, for Server-Sent Events; returns unsubscribe. */
  watch(actor: Actor, escalationId: string, listener: (line: TranscriptLine) => void): Promise<() => void>;
  /**
   * The transcript with the family's and the bot's lines translated into `to` by the optional
   * language model (TRANSLATION_UNAVAILABLE when the deployment has none, or it fails). Audit-logged.
   */
  translate(actor: Actor, escalationId: string, to: string): Promise<readonly TranslatedLine[]>;
  /** Calls `listener` (no arguments: re-list to see what changed) whenever the actor's organisation's queue changes; returns unsubscribe. */
  watchQueue(actor: Actor, listener: () => void): () => void;
}

/** Stable error codes the API maps to HTTP statuses. */
export type QueueErrorCode = "NOT_FOUND" | "FORBIDDEN" | "ESCALATION_ALREADY_CLAIMED" | "NOT_ASSIGNEE" | "INVALID_STATUS_TRANSITION" | "INVALID_INPUT" | "AT_CAPACITY" | "TRANSLATION_UNAVAILABLE";

export class QueueError extends KinlinkError {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
  ) {
    super(message);
  }
}
