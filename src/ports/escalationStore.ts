import type { Escalation, EscalationStatus } from "../domain/escalation.js";
import type { RiskCategory, RiskLevel } from "../domain/risk.js";

export interface NewEscalation {
  readonly conversationId: string;
  readonly caseId: string | null;
  readonly subjectId: string;
  readonly organisation: string;
  readonly riskLevel: RiskLevel;
  readonly riskCategories: readonly RiskCategory[];
  readonly reasons: readonly string[];
}

export interface QueuePage {
  readonly statuses?: readonly EscalationStatus[];
  /** Only this organisation's escalations (a caseworker's view); all of them when absent (the sweeper). */
  readonly organisation?: string;
  readonly skip?: number;
  readonly limit: number;
}

/**
 * The caseworker queue. Claims are one atomic findOneAndUpdate, so two caseworkers (on any number
 * of app instances) can never hold the same escalation.
 */
export interface EscalationStore {
  open(input: NewEscalation): Promise<Escalation>;
  /**
   * Adds flags to the conversation's active escalation (pending, released or claimed): the highest
   * level wins, categories and reasons accumulate, the SLA tightens if the level rose. Opens one if
   * there is none. Raising the same reasons again changes nothing (a turn re-run after a crash).
   * Callers hold the conversation's lease, so two raises for one conversation never race.
   */
  raise(input: NewEscalation): Promise<Escalation>;
  activeFor(conversationId: string): Promise<Escalation | null>;
  /** Unclaimed escalations past their SLA due time whose breach was not yet alerted, most urgent first. */
  listSlaBreaches(now: Date, limit: number): Promise<Escalation[]>;
  /** Records that a breach was alerted, once: false if another instance did it first. */
  markSlaAlerted(id: string, at: Date): Promise<boolean>;
  get(id: string): Promise<Escalation | null>;
  /** Throws ESCALATION_ALREADY_CLAIMED if it is not pending/released any more, RECORD_NOT_FOUND if unknown. */
  claim(id: string, assignee: string): Promise<Escalation>;
  /** Claims the most urgent claimable escalation, or returns null if the queue is empty. */
  claimNext(assignee: string): Promise<Escalation | null>;
  /** Only the assignee can release or resolve (INVALID_STATUS_TRANSITION otherwise). */
  release(id: string, assignee: string): Promise<Escalation>;
  resolve(id: string, assignee: string): Promise<Escalation>;
  /** Moves a claimed escalation from its assignee to another, atomically (INVALID_STATUS_TRANSITION if it moved on). */
  transfer(id: string, from: string, to: string, by: string): Promise<Escalation>;
  /** Unclaimed escalations whose conversation ended; moves pending/released -> expired. */
  expire(id: string): Promise<Escalation>;
  /** Priority descending, then oldest first. Default statuses: pending and released. */
  listQueue(page: QueuePage): Promise<Escalation[]>;
  /** Claimable escalations by default; one organisation's when given. */
  countQueue(statuses?: readonly EscalationStatus[], organisation?: string): Promise<number>;
  /** How many escalations a caseworker holds (claimed) now. */
  countHeldBy(assignee: string): Promise<number>;
}
