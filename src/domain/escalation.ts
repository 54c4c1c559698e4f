/**
 * An escalation: a flagged conversation waiting in the caseworker queue.
 *
 * Lifecycle: pending -> claimed -> resolved | released | expired. A released escalation goes back
 * into the queue (it can be claimed again); an unclaimed one can expire. `priority` orders the
 * queue (highest first, then oldest first) and is derived from the risk level, so that it can be
 * indexed and sorted on by the database.
 *
 * Example: `{ id: "…", conversationId: "…", riskLevel: "high", riskCategories: ["self_harm"],
 *   reasons: ["lexicon:self_harm"], priority: 3, status: "pending", assignee: null,
 *   slaDueAt: createdAt + 1 h, history: [] }`.
 */
import { riskRank, type RiskCategory, type RiskLevel } from "./risk.js";
import type { StatusChange } from "./statusChange.js";

export const ESCALATION_STATUSES = ["pending", "claimed", "resolved", "released", "expired"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Statuses a caseworker can claim from. */
export const CLAIMABLE_STATUSES: readonly EscalationStatus[] = ["pending", "released"];

export interface Escalation {
  readonly id: string;
  readonly conversationId: string;
  readonly caseId: string | null;
  readonly subjectId: string;
  /** The organisation whose caseworkers may see and work it. */
  readonly organisation: string;
  readonly riskLevel: RiskLevel;
  readonly riskCategories: readonly RiskCategory[];
  /** Rule or classifier codes that raised it (e.g. "lexicon:self_harm"), never message text. */
  readonly reasons: readonly string[];
  readonly priority: number;
  readonly status: EscalationStatus;
  readonly assignee: string | null;
  readonly claimedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly slaDueAt: Date;
  /** When the supervisor was alerted that nobody took it in time; null until then. */
  readonly slaAlertedAt: Date | null;
  readonly history: readonly StatusChange[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const NEXT: Readonly<Record<EscalationStatus, readonly EscalationStatus[]>> = {
  pending: ["claimed", "expired"],
  claimed: ["resolved", "released"],
  released: ["claimed", "expired"],
  resolved: [],
  expired: [],
};

export function canChangeEscalationStatus(from: EscalationStatus, to: EscalationStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Higher is more urgent. The level decides; urgent categories (immediate danger, self-harm) rank
 * above other flags of the same level so that the help-contact cases surface first.
 */
export function escalationPriority(level: RiskLevel, categories: readonly RiskCategory[]): number {
  const urgent = categories.includes("immediate_danger") || categories.includes("self_harm");
  return riskRank(level) * 2 + (urgent ? 1 : 0);
}

/** Default service levels, as Primero's: assign within 1 h for high risk, 3 h otherwise. */
export interface EscalationSla {
  readonly highMinutes: number;
  readonly otherMinutes: number;
}

export const DEFAULT_ESCALATION_SLA: EscalationSla = { highMinutes: 60, otherMinutes: 180 };

export function slaDueAt(level: RiskLevel, createdAt: Date, sla: EscalationSla = DEFAULT_ESCALATION_SLA): Date {
  const minutes = level === "high" ? sla.highMinutes : sla.otherMinutes;
  return new Date(createdAt.getTime() + minutes * 60_000);
}

/** Queue order as a pure comparator (the database sorts the same way: priority desc, createdAt asc). */
export function compareQueueOrder(a: Escalation, b: Escalation): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.createdAt.getTime() - b.createdAt.getTime();
}
