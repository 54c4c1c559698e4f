/**
 * What cases and tracing requests share: lookup by id or by what a person typed as a short
 * reference, field merges under optimistic concurrency, status moves that keep the history, and
 * consent records. Subclasses say how a stored document becomes a record and which moves are allowed.
 */
import type { ConsentRecord } from "../../domain/consent.js";
import { parseShortRef } from "../../domain/shortRef.js";
import type { Clock } from "../../ports/clock.js";
import type { DocCollection, DocDatabase, StoredDoc } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import type { RecordListFilter } from "../../ports/recordListFilter.js";
import { InvalidTransitionError, RecordNotFoundError } from "../../ports/storeErrors.js";
import type { FieldCodec } from "../fieldCodec.js";
import { encodeRecordFields } from "../identifyingFields.js";
import { mergeFields, moveStatus } from "./recordWrites.js";

export interface RecordRepositoryDeps {
  readonly db: DocDatabase;
  readonly codec: FieldCodec;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** What creating any record needs from the caller. */
interface NewRecordBase {
  readonly subjectId: string;
  readonly organisation: string;
  readonly conversationId: string | null;
  readonly consents: readonly ConsentRecord[];
  readonly createdBy: string;
}

interface StoredRecord<S extends string> {
  readonly subjectId: string;
  readonly status: S;
  readonly version: number;
}

export abstract class RecordRepository<R extends StoredRecord<S>, S extends string> {
  protected readonly collection: DocCollection<StoredDoc>;

  constructor(
    protected readonly deps: RecordRepositoryDeps,
    protected readonly name: string,
  ) {
    this.collection = deps.db.collection(name);
  }

  protected abstract toRecord(raw: unknown): Promise<R>;

  /** The stored fields every new record starts with: open, version 1, its first history entry. */
  protected openedDoc(id: string, shortRef: string, input: NewRecordBase, fields: Readonly<Record<string, unknown>>, now: Date) {
    return {
      _id: id,
      shortRef,
      subjectId: input.subjectId,
      organisation: input.organisation,
      conversationId: input.conversationId,
      status: "open" as const,
      fields,
      consents: [...input.consents],
      history: [{ from: null, to: "open", at: now, by: input.createdBy }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }
  protected abstract canChangeStatus(from: S, to: S): boolean;

  async get(id: string): Promise<R | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toRecord(doc) : null;
  }

  /** One organisation's records, newest first. */
  async list(query: RecordListFilter<S>): Promise<R[]> {
    const filter: Record<string, unknown> = { organisation: query.organisation };
    if (query.status !== undefined) filter["status"] = query.status;
    if (query.riskLevel !== undefined) filter["riskLevel"] = query.riskLevel;
    const docs = await this.collection.find(filter, { sort: { createdAt: -1, _id: -1 }, skip: query.skip ?? 0, limit: query.limit }).toArray();
    return Promise.all(docs.map((doc) => this.toRecord(doc)));
  }

  async findByShortRef(input: string): Promise<R | null> {
    const shortRef = parseShortRef(input);
    if (shortRef === undefined) return null;
    const doc = await this.collection.findOne({ shortRef });
    return doc ? this.toRecord(doc) : null;
  }

  async updateFields(id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<R> {
    const current = await this.require(id);
    const encoded = await encodeRecordFields(this.deps.codec, current.subjectId, fields);
    return this.toRecord(await mergeFields(this.collection, this.name, id, expectedVersion, encoded, this.deps.clock.now()));
  }

  async changeStatus(id: string, to: S, by: string): Promise<R> {
    const current = await this.require(id);
    if (!this.canChangeStatus(current.status, to)) throw new InvalidTransitionError(this.name, id, to);
    const change = { id, from: current.status, to, by, at: this.deps.clock.now(), version: current.version };
    return this.toRecord(await moveStatus(this.collection, this.name, change));
  }

  async addConsent(id: string, consent: ConsentRecord): Promise<R> {
    const doc = await this.collection.findOneAndUpdate(
      { _id: id },
      { $push: { consents: consent }, $set: { updatedAt: this.deps.clock.now() }, $inc: { version: 1 } },
      { returnDocument: "after" },
    );
    if (!doc) throw new RecordNotFoundError(this.name, id);
    return this.toRecord(doc);
  }

  private async require(id: string): Promise<R> {
    const current = await this.get(id);
    if (!current) throw new RecordNotFoundError(this.name, id);
    return current;
  }
}
