/**
 * The narrow document-collection port the repositories are written against: the subset of the
 * official MongoDB driver's `Collection<T>` that kinlink uses, with compatible signatures, so that
 * production passes `db.collection(name)` straight through (a type-level test keeps that true) and
 * the embedded backend implements only this subset.
 *
 * Methods use method syntax on purpose: TypeScript compares method parameters bivariantly, which is
 * what lets the driver's richer `Filter<T>` / `UpdateFilter<T>` types satisfy these plainer ones.
 * Everything is single-document atomic; there are no transactions (ARCHITECTURE.md, STACK.md).
 */

/** Every stored document carries its own `_id` (kinlink chooses ids; it never relies on ObjectId generation). */
// A type alias, not an interface: aliases get the implicit index signature the driver's Document needs.
export type StoredDoc = { _id: unknown };

/** A query filter in MongoDB syntax (`{ status: "pending", createdAt: { $lt: date } }`). */
export type DocFilter = { readonly [key: string]: unknown };

/** A sort specification: field name to 1 (ascending) or -1 (descending), in order of precedence. */
export type DocSort = { readonly [key: string]: 1 | -1 };

/** The update operators both backends implement. */
export interface DocUpdate {
  $set?: { readonly [key: string]: unknown };
  $setOnInsert?: { readonly [key: string]: unknown };
  $unset?: { readonly [key: string]: "" | 1 | true };
  $inc?: { readonly [key: string]: number };
  $push?: { readonly [key: string]: unknown };
  $pull?: { readonly [key: string]: unknown };
  $addToSet?: { readonly [key: string]: unknown };
  $min?: { readonly [key: string]: unknown };
  $max?: { readonly [key: string]: unknown };
}

export interface DocFindOptions {
  sort?: DocSort;
  skip?: number;
  limit?: number;
  projection?: { readonly [key: string]: 0 | 1 };
}

export interface DocFindOneOptions {
  sort?: DocSort;
  projection?: { readonly [key: string]: 0 | 1 };
}

export interface DocUpdateOptions {
  upsert?: boolean;
}

export interface DocFindOneAndUpdateOptions {
  /** Like the driver, the default is "before". */
  returnDocument?: "before" | "after";
  upsert?: boolean;
  sort?: DocSort;
  /** Like find's: only these fields of the returned document are copied out (`_id` always). */
  projection?: { readonly [key: string]: 0 | 1 };
}

export interface DocIndexOptions {
  name?: string;
  unique?: boolean;
  /** Documents whose indexed field holds a Date older than this many seconds are deleted. */
  expireAfterSeconds?: number;
  /** Only documents matching this filter are indexed (and checked for uniqueness). */
  partialFilterExpression?: DocFilter;
}

export interface DocCursor<R> {
  toArray(): Promise<R[]>;
}

export interface DocInsertOneResult {
  acknowledged: boolean;
  insertedId: unknown;
}

export interface DocUpdateResult {
  acknowledged: boolean;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: unknown;
}

export interface DocDeleteResult {
  acknowledged: boolean;
  deletedCount: number;
}

export interface DocCollection<T extends StoredDoc> {
  // The index signature only lets callers pass object literals with their fields (no excess-property error).
  insertOne(doc: T & { readonly [field: string]: unknown }): Promise<DocInsertOneResult>;
  findOne(filter: DocFilter, options?: DocFindOneOptions): Promise<T | null>;
  find(filter: DocFilter, options?: DocFindOptions): DocCursor<T>;
  updateOne(filter: DocFilter, update: DocUpdate, options?: DocUpdateOptions): Promise<DocUpdateResult>;
  findOneAndUpdate(filter: DocFilter, update: DocUpdate, options: DocFindOneAndUpdateOptions): Promise<T | null>;
  deleteOne(filter: DocFilter): Promise<DocDeleteResult>;
  deleteMany(filter: DocFilter): Promise<DocDeleteResult>;
  countDocuments(filter: DocFilter): Promise<number>;
  /**
   * Basic pipelines only ($match first to use indexes, then $group, $sort, $skip, $limit, $project,
   * $unwind, $count, $addFields): both backends must agree. Results are untyped: parse them.
   */
  aggregate(pipeline: { [key: string]: unknown }[]): DocCursor<{ [key: string]: unknown }>;
  createIndex(keys: DocSort, options?: DocIndexOptions): Promise<string>;
}

/**
 * A database: named collections and a way to release the connection or files. Collections are
 * untyped on purpose (the driver's `db.collection<StoredDoc>(name)` passes straight through, a
 * generic one would not): repositories write typed documents and parse what they read with zod,
 * since stored data may predate the code reading it.
 */
export interface DocDatabase {
  collection(name: string): DocCollection<StoredDoc>;
  close(): Promise<void>;
  /**
   * True when this process is the database's only user (the embedded store locks its folder):
   * coordination between instances, such as conversation leases, may then stay in memory instead
   * of costing writes. Absent for a shared server (MongoDB).
   */
  readonly exclusive?: boolean;
}
