/**
 * Queries an index serves (equality and `$in` prefixes, ranges after them, sorts in the index's
 * direction or reversed, skip and limit) return exactly what MongoDB's semantics give, as mingo
 * computes them over the same documents: before and after updates that move documents within the
 * indexes and deletions. Enough documents that the embedded store's ordered indexes split into many
 * buckets; values with ties, nulls, missing fields and a field holding several types.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Query } from "mingo";
import type { DocCollection, DocFilter, DocSort } from "../../src/ports/docCollection.js";
import { BACKENDS, type TestDb } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";
import { seededRandom } from "../helpers/storage/seededRandom.js";

type Thing = { _id: string; [field: string]: unknown };

const COUNT = 1_500;
const STATUSES = ["pending", "released", "claimed", "resolved"];
const T0 = Date.UTC(2025, 0, 1);

function thing(i: number, random: () => number): Thing {
  const pick = random();
  // `due`: mostly dates, some null, some missing, a few strings (a range on dates must skip them).
  const due = pick < 0.7 ? new Date(T0 + Math.floor(random() * 50) * 60_000) : pick < 0.8 ? null : pick < 0.9 ? undefined : `2025-0${1 + (i % 9)}`;
  return {
    _id: `t${String(i).padStart(5, "0")}`,
    org: `org-${i % 3}`,
    status: STATUSES[Math.floor(random() * STATUSES.length)],
    priority: Math.floor(random() * 4),
    createdAt: new Date(T0 + Math.floor(random() * 200) * 1000),
    ...(due === undefined ? {} : { due }),
  };
}

/** MongoDB's answer, computed by mingo: filter, sort, skip, limit. */
function reference(docs: readonly Thing[], filter: DocFilter, sort: DocSort, skip = 0, limit = 0): string[] {
  const cursor = new Query({ ...filter }).find<Thing>([...docs]).sort({ ...sort }).skip(skip);
  return (limit > 0 ? cursor.limit(limit) : cursor).all().map((doc) => doc._id);
}

const ids = (docs: readonly Thing[]): string[] => docs.map((doc) => doc._id);

const QUERIES: readonly { name: string; filter: DocFilter; sort: DocSort }[] = [
  { name: "the queue: $in prefix, priority desc, createdAt", filter: { status: { $in: ["pending", "released"] } }, sort: { priority: -1, createdAt: 1, _id: 1 } },
  { name: "one organisation's queue", filter: { org: "org-1", status: { $in: ["released", "pending"] } }, sort: { priority: -1, createdAt: 1, _id: 1 } },
  { name: "the queue read backwards", filter: { status: { $in: ["pending", "released"] } }, sort: { priority: 1, createdAt: -1, _id: -1 } },
  { name: "due by a time: equality then $lte", filter: { status: "pending", due: { $lte: new Date(T0 + 20 * 60_000) } }, sort: { due: 1, _id: 1 } },
  { name: "a two-sided range, exclusive", filter: { status: "claimed", due: { $gt: new Date(T0 + 10 * 60_000), $lt: new Date(T0 + 30 * 60_000) } }, sort: { due: -1, _id: 1 } },
  { name: "a range on the first field", filter: { due: { $gte: new Date(T0 + 40 * 60_000) } }, sort: { due: 1, _id: 1 } },
  { name: "a range on strings skips dates", filter: { due: { $gte: "2025-03" } }, sort: { due: 1, _id: 1 } },
  { name: "null matches missing", filter: { status: "pending", due: { $in: [null] } }, sort: { _id: 1 } },
  { name: "a prefix and a sort the index does not give", filter: { status: "resolved" }, sort: { createdAt: -1, _id: 1 } },
  { name: "a prefix, more conditions on other fields", filter: { status: { $in: ["pending"] }, priority: { $gte: 2 }, org: { $ne: "org-0" } }, sort: { priority: -1, createdAt: 1, _id: 1 } },
];

describe.each(BACKENDS)("indexed queries on $name", (backend) => {
  let testDb: TestDb;
  let things: DocCollection<Thing>;
  let docs: Thing[];

  beforeAll(async () => {
    testDb = await backend.openDb(new FakeClock());
    things = testDb.db.collection("things") as unknown as DocCollection<Thing>;
    await things.createIndex({ status: 1, priority: -1, createdAt: 1 });
    await things.createIndex({ org: 1, status: 1, priority: -1, createdAt: 1 });
    await things.createIndex({ status: 1, due: 1 });
    await things.createIndex({ due: 1 });
    const random = seededRandom(7);
    docs = Array.from({ length: COUNT }, (_, i) => thing(i, random));
    await Promise.all(docs.map((doc) => things.insertOne(doc)));
  });
  afterAll(() => testDb.cleanup());

  async function expectSameAsReference(): Promise<void> {
    for (const { name, filter, sort } of QUERIES) {
      const all = reference(docs, filter, sort);
      expect({ name, ids: ids(await things.find(filter, { sort }).toArray()) }).toEqual({ name, ids: all });
      for (const [skip, limit] of [[0, 1], [0, 50], [37, 25], [all.length - 3, 10]] as const) {
        const page = ids(await things.find(filter, { sort, skip: Math.max(0, skip), limit }).toArray());
        expect({ name, skip, limit, page }).toEqual({ name, skip, limit, page: reference(docs, filter, sort, Math.max(0, skip), limit) });
      }
      expect({ name, count: await things.countDocuments(filter) }).toEqual({ name, count: all.length });
      expect({ name, first: (await things.findOne(filter, { sort }))?._id ?? null }).toEqual({ name, first: all[0] ?? null });
    }
  }

  it("returns what MongoDB's semantics give", async () => {
    await expectSameAsReference();
  });

  it("still does after updates move documents within the indexes, and deletions", async () => {
    const random = seededRandom(11);
    const changed = docs.filter(() => random() < 0.3);
    for (const doc of changed) {
      const set = { status: STATUSES[Math.floor(random() * STATUSES.length)], priority: Math.floor(random() * 4), due: new Date(T0 + Math.floor(random() * 50) * 60_000) };
      Object.assign(doc, set);
    }
    await Promise.all(changed.map((doc) => things.updateOne({ _id: doc._id }, { $set: { status: doc["status"], priority: doc["priority"], due: doc["due"] } })));
    const removed = new Set(docs.filter(() => random() < 0.1).map((doc) => doc._id));
    await things.deleteMany({ _id: { $in: [...removed] } });
    docs = docs.filter((doc) => !removed.has(doc._id));
    await expectSameAsReference();
  });

  it("claims the head of a sorted range atomically, in order", async () => {
    const filter = { status: "pending", due: { $lte: new Date(T0 + 25 * 60_000) } };
    const expected = reference(docs, filter, { due: 1, _id: 1 }).slice(0, 5);
    const claimed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const doc = await things.findOneAndUpdate(filter, { $set: { status: "claimed" } }, { sort: { due: 1, _id: 1 }, returnDocument: "after" });
      claimed.push(doc?._id ?? "none");
    }
    expect(claimed).toEqual(expected);
  });
});
