/**
 * The caseworker queue. A claim is one atomic findOneAndUpdate conditioned on the status the
 * claimer saw, so among any number of concurrent claimers (on any number of instances) exactly one
 * wins. The queue sorts on the stored `priority` (desc), then `createdAt` (asc), then `_id` so that
 * paging is stable; the compound indexes { status, priority: -1, createdAt } (all organisations)
 * and { organisation, status, priority: -1, createdAt } (one organisation's queue) serve it.
 */
import { z } from "zod";
import { LEGACY_ORGANISATION } from "../../domain/organisation.js";
import {
  CLAIMABLE_STATUSES,
  ESCALATION_STATUSES,
  canChangeEscalationStatus,
  escalationPriority,
  slaDueAt,
  type Escalation,
  type EscalationStatus,
} from "../../domain/escalation.js";
import { RiskCategorySchema, RiskLevelSchema, riskRank } from "../../domain/risk.js";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase, DocFilter } from "../../ports/docCollection.js";
import type { EscalationStore, NewEscalation, QueuePage } from "../../ports/escalationStore.js";
import type { Ids } from "../../ports/ids.js";
import { EscalationAlreadyClaimedError, InvalidTransitionError, RecordNotFoundError } from "../../ports/storeErrors.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";
import { StoredHistorySchema } from "./storedSchemas.js";

const EscalationDocSchema = z.object({
  _id: z.string(),
  /** Records from before organisations existed belong to the legacy one. */
  organisation: z.string().default(LEGACY_ORGANISATION),
  conversationId: z.string(),
  caseId: z.string().nullable(),
  subjectId: z.string(),
  riskLevel: RiskLevelSchema,
  riskCategories: z.array(RiskCategorySchema),
  reasons: z.array(z.string()),
  priority: z.number(),
  status: z.enum(ESCALATION_STATUSES),
  assignee: z.string().nullable(),
  claimedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  slaDueAt: z.date(),
  slaAlertedAt: z.date().nullable().default(null),
  history: StoredHistorySchema,
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const QUEUE_SORT = { priority: -1, createdAt: 1, _id: 1 } as const;
/** claimNext retries when another claimer took the head of the queue first. */
const CLAIM_NEXT_ATTEMPTS = 20;

interface Move {
  readonly filter: DocFilter;
  readonly from: EscalationStatus;
  readonly to: EscalationStatus;
  readonly by: string;
  readonly set: Readonly<Record<string, unknown>>;
}

export class EscalationRepository implements EscalationStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.escalations);
  }

  async open(input: NewEscalation): Promise<Escalation> {
    const now = this.deps.clock.now();
    const doc: z.infer<typeof EscalationDocSchema> = {
      _id: this.deps.ids.uuid(),
      conversationId: input.conversationId,
      caseId: input.caseId,
      subjectId: input.subjectId,
      organisation: input.organisation,
      riskLevel: input.riskLevel,
      riskCategories: [...input.riskCategories],
      reasons: [...input.reasons],
      priority: escalationPriority(input.riskLevel, input.riskCategories),
      status: "pending",
      assignee: null,
      claimedAt: null,
      resolvedAt: null,
      slaDueAt: slaDueAt(input.riskLevel, now),
      slaAlertedAt: null,
      history: [{ from: null, to: "pending", at: now, by: "system" }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.collection.insertOne(doc);
    return toEscalation(doc);
  }

  async raise(input: NewEscalation): Promise<Escalation> {
    const active = await this.activeFor(input.conversationId);
    if (!active) return this.open(input);
    const level = riskRank(input.riskLevel) > riskRank(active.riskLevel) ? input.riskLevel : active.riskLevel;
    const categories = [...new Set([...active.riskCategories, ...input.riskCategories])];
    const reasons = [...new Set([...active.reasons, ...input.reasons])];
    const rose = level !== active.riskLevel;
    const caseId = active.caseId ?? input.caseId;
    const same = !rose && caseId === active.caseId && categories.length === active.riskCategories.length && reasons.length === active.reasons.length;
    if (same) return active;
    const tighter = slaDueAt(level, active.createdAt);
    const set: Record<string, unknown> = {
      riskLevel: level,
      riskCategories: categories,
      reasons,
      caseId,
      priority: escalationPriority(level, categories),
      updatedAt: this.deps.clock.now(),
      ...(rose && tighter.getTime() < active.slaDueAt.getTime() ? { slaDueAt: tighter, slaAlertedAt: null } : {}),
    };
    const doc = await this.collection.findOneAndUpdate({ _id: active.id, version: active.version }, { $set: set, $inc: { version: 1 } }, { returnDocument: "after" });
    // Only the conversation's lease holder raises; a lost race means a caseworker moved it: try again.
    return doc ? toEscalation(doc) : this.raise(input);
  }

  countHeldBy(assignee: string): Promise<number> {
    return this.collection.countDocuments({ status: "claimed", assignee });
  }

  async activeFor(conversationId: string): Promise<Escalation | null> {
    const doc = await this.collection.findOne({ conversationId, status: { $in: ["pending", "released", "claimed"] } });
    return doc ? toEscalation(doc) : null;
  }

  async listSlaBreaches(now: Date, limit: number): Promise<Escalation[]> {
    const docs = await this.collection
      .find({ status: { $in: [...CLAIMABLE_STATUSES] }, slaDueAt: { $lte: now }, slaAlertedAt: { $in: [null] } }, { sort: QUEUE_SORT, limit })
      .toArray();
    return docs.map(toEscalation);
  }

  async markSlaAlerted(id: string, at: Date): Promise<boolean> {
    const doc = await this.collection.findOneAndUpdate({ _id: id, slaAlertedAt: { $in: [null] } }, { $set: { slaAlertedAt: at } }, { returnDocument: "after" });
    return doc !== null;
  }

  async get(id: string): Promise<Escalation | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toEscalation(doc) : null;
  }

  async claim(id: string, assignee: string): Promise<Escalation> {
    const current = await this.require(id);
    if (!CLAIMABLE_STATUSES.includes(current.status)) throw new EscalationAlreadyClaimedError(id);
    const claimed = await this.move({ filter: { _id: id }, from: current.status, to: "claimed", by: assignee, set: { assignee, claimedAt: this.deps.clock.now() } });
    if (!claimed) throw new EscalationAlreadyClaimedError(id);
    return claimed;
  }

  async claimNext(assignee: string): Promise<Escalation | null> {
    for (let attempt = 0; attempt < CLAIM_NEXT_ATTEMPTS; attempt++) {
      const [head] = await this.listQueue({ limit: 1 });
      if (!head) return null;
      const claimed = await this.move({ filter: { _id: head.id }, from: head.status, to: "claimed", by: assignee, set: { assignee, claimedAt: this.deps.clock.now() } });
      if (claimed) return claimed;
    }
    return null;
  }

  release(id: string, assignee: string): Promise<Escalation> {
    return this.moveHeld(id, assignee, "released", { assignee: null, claimedAt: null });
  }

  resolve(id: string, assignee: string): Promise<Escalation> {
    return this.moveHeld(id, assignee, "resolved", { resolvedAt: this.deps.clock.now() });
  }

  async expire(id: string): Promise<Escalation> {
    const current = await this.require(id);
    if (!canChangeEscalationStatus(current.status, "expired")) throw new InvalidTransitionError(COLLECTIONS.escalations, id, "expired");
    const expired = await this.move({ filter: { _id: id }, from: current.status, to: "expired", by: "system", set: {} });
    if (!expired) throw new InvalidTransitionError(COLLECTIONS.escalations, id, "expired");
    return expired;
  }

  async listQueue(page: QueuePage): Promise<Escalation[]> {
    const statuses = [...(page.statuses ?? CLAIMABLE_STATUSES)];
    const filter: DocFilter = page.organisation === undefined ? { status: { $in: statuses } } : { organisation: page.organisation, status: { $in: statuses } };
    const docs = await this.collection.find(filter, { sort: QUEUE_SORT, skip: page.skip ?? 0, limit: page.limit }).toArray();
    return docs.map(toEscalation);
  }

  countQueue(statuses: readonly EscalationStatus[] = CLAIMABLE_STATUSES, organisation?: string): Promise<number> {
    const filter: DocFilter = { status: { $in: [...statuses] } };
    return this.collection.countDocuments(organisation === undefined ? filter : { organisation, ...filter });
  }

  /** Release and resolve: only from "claimed", and only by the caseworker who holds it. */
  async transfer(id: string, from: string, to: string, by: string): Promise<Escalation> {
    const now = this.deps.clock.now();
    const doc = await this.collection.findOneAndUpdate(
      { _id: id, status: "claimed", assignee: from },
      { $set: { assignee: to, claimedAt: now, updatedAt: now }, $push: { history: { from: "claimed", to: "claimed", at: now, by } }, $inc: { version: 1 } },
      { returnDocument: "after" },
    );
    if (doc) return toEscalation(doc);
    await this.require(id);
    throw new InvalidTransitionError(COLLECTIONS.escalations, id, "claimed");
  }

  private async moveHeld(id: string, assignee: string, to: EscalationStatus, set: Readonly<Record<string, unknown>>): Promise<Escalation> {
    const moved = await this.move({ filter: { _id: id, assignee }, from: "claimed", to, by: assignee, set });
    if (moved) return moved;
    await this.require(id);
    throw new InvalidTransitionError(COLLECTIONS.escalations, id, to);
  }

  /** The one atomic step: applies only if the escalation is still at `from`. */
  private async move(move: Move): Promise<Escalation | null> {
    const at = this.deps.clock.now();
    const doc = await this.collection.findOneAndUpdate(
      { ...move.filter, status: move.from },
      {
        $set: { ...move.set, status: move.to, updatedAt: at },
        $push: { history: { from: move.from, to: move.to, at, by: move.by } },
        $inc: { version: 1 },
      },
      { returnDocument: "after" },
    );
    return doc ? toEscalation(doc) : null;
  }

  private async require(id: string): Promise<Escalation> {
    const current = await this.get(id);
    if (!current) throw new RecordNotFoundError(COLLECTIONS.escalations, id);
    return current;
  }
}

function toEscalation(raw: unknown): Escalation {
  const { _id, ...doc } = parseStored(EscalationDocSchema, COLLECTIONS.escalations, raw);
  return { ...doc, id: _id };
}
