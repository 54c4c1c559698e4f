/**
 * The DocCollection port's behaviour, identical on every backend: what the repositories rely on.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ObjectId } from "bson";
import type { DocCollection } from "../../src/ports/docCollection.js";
import { BACKENDS, type TestDb } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

/** Tests read arbitrary fields; the port's StoredDoc only promises `_id`. */
type Thing = { _id: unknown; [field: string]: unknown };

describe.each(BACKENDS)("DocCollection on $name", (backend) => {
  let testDb: TestDb;
  let clock: FakeClock;
  let things: DocCollection<Thing>;

  beforeEach(async () => {
    clock = new FakeClock();
    testDb = await backend.openDb(clock);
    things = testDb.db.collection("things") as unknown as DocCollection<Thing>;
  });
  afterEach(() => testDb.cleanup());

  it("round-trips Dates, ObjectIds, nested objects and arrays", async () => {
    const ref = new ObjectId();
    const at = new Date("2025-01-02T03:04:05.678Z");
    await things.insertOne({ _id: "a", at, ref, nested: { list: [1, "two", { three: 3 }] }, none: null });
    const found = await things.findOne({ _id: "a" });
    expect(found).toEqual({ _id: "a", at, ref, nested: { list: [1, "two", { three: 3 }] }, none: null });
    expect(found?.["at"]).toBeInstanceOf(Date);
    expect(found?.["ref"]).toBeInstanceOf(ObjectId);
    expect(await things.findOne({ ref: new ObjectId(ref.toHexString()) })).not.toBeNull();
    expect(await things.findOne({ at: { $gt: new Date(at.getTime() - 1) } })).not.toBeNull();
  });

  it("hands out copies: mutating a result does not change the store", async () => {
    await things.insertOne({ _id: "a", list: [1] });
    const found = await things.findOne({ _id: "a" });
    (found?.["list"] as number[]).push(2);
    expect((await things.findOne({ _id: "a" }))?.["list"]).toEqual([1]);
  });

  it("raises code 11000 on a duplicate _id or unique index value", async () => {
    await things.createIndex({ email: 1 }, { unique: true });
    await things.insertOne({ _id: "a", email: "x" });
    await expect(things.insertOne({ _id: "a", email: "y" })).rejects.toMatchObject({ code: 11000 });
    await expect(things.insertOne({ _id: "b", email: "x" })).rejects.toMatchObject({ code: 11000 });
    await things.insertOne({ _id: "c", email: "z" });
    await expect(things.updateOne({ _id: "c" }, { $set: { email: "x" } })).rejects.toMatchObject({ code: 11000 });
    expect(await things.countDocuments({})).toBe(2);
    expect((await things.findOne({ _id: "c" }))?.["email"]).toBe("z");
  });

  it("checks uniqueness only inside a partial index", async () => {
    await things.createIndex({ slot: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await things.insertOne({ _id: "a", slot: 1, active: true });
    await things.insertOne({ _id: "b", slot: 1, active: false });
    await expect(things.insertOne({ _id: "c", slot: 1, active: true })).rejects.toMatchObject({ code: 11000 });
  });

  it("upserts with $setOnInsert applied only on insert, seeded from the filter", async () => {
    const first = await things.updateOne({ _id: "u", kind: "k" }, { $setOnInsert: { createdAt: clock.now() }, $inc: { n: 1 } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    clock.advance(1000);
    const second = await things.updateOne({ _id: "u", kind: "k" }, { $setOnInsert: { createdAt: clock.now() }, $inc: { n: 1 } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
    expect(await things.findOne({ _id: "u" })).toEqual({ _id: "u", kind: "k", n: 2, createdAt: new Date(clock.now().getTime() - 1000) });
  });

  it("findOneAndUpdate returns the document before or after, honours sort, and upserts", async () => {
    await things.insertOne({ _id: "a", rank: 1, n: 0 });
    await things.insertOne({ _id: "b", rank: 2, n: 0 });
    const before = await things.findOneAndUpdate({}, { $inc: { n: 1 } }, { sort: { rank: -1 } });
    expect(before).toEqual({ _id: "b", rank: 2, n: 0 });
    const after = await things.findOneAndUpdate({ _id: "b" }, { $inc: { n: 1 } }, { returnDocument: "after" });
    expect(after?.["n"]).toBe(2);
    expect(await things.findOneAndUpdate({ _id: "none" }, { $set: { n: 1 } }, { returnDocument: "after" })).toBeNull();
    const created = await things.findOneAndUpdate({ _id: "c" }, { $setOnInsert: { rank: 3 } }, { upsert: true, returnDocument: "after" });
    expect(created).toEqual({ _id: "c", rank: 3 });
  });

  it("applies $set, $unset, $inc, $push, $pull and dotted paths", async () => {
    await things.insertOne({ _id: "a", list: [1, 2, 3], gone: true });
    await things.updateOne({ _id: "a" }, { $set: { "deep.x": 1 }, $unset: { gone: "" }, $inc: { n: 5 }, $push: { list: { $each: [4, 5] } } });
    await things.updateOne({ _id: "a" }, { $pull: { list: { $in: [1, 5] } } });
    expect(await things.findOne({ _id: "a" })).toEqual({ _id: "a", list: [2, 3, 4], deep: { x: 1 }, n: 5 });
  });

  it("finds with sort, skip, limit and projection", async () => {
    for (const [i, group] of ["b", "a", "b", "a", "b"].entries()) await things.insertOne({ _id: `d${i}`, group, i });
    const page = await things.find({ i: { $gte: 0 } }, { sort: { group: 1, i: -1 }, skip: 1, limit: 3, projection: { i: 1 } }).toArray();
    expect(page).toEqual([{ _id: "d1", i: 1 }, { _id: "d4", i: 4 }, { _id: "d2", i: 2 }]);
    expect(await things.countDocuments({ group: "b" })).toBe(3);
  });

  it("projects top-level fields as copies, in the document's order, leaving out what is missing", async () => {
    const at = new Date("2026-01-02T03:04:05Z");
    await things.insertOne({ _id: "p", big: { state: [1, 2, 3] }, subjectId: "s-1", at, nested: { x: 1 } });
    const picked = await things.findOne({ _id: "p" }, { projection: { nested: 1, subjectId: 1, absent: 1, at: 1 } });
    expect(picked).toEqual({ _id: "p", subjectId: "s-1", at, nested: { x: 1 } });
    expect(Object.keys(picked ?? {})).toEqual(["_id", "subjectId", "at", "nested"]);
    (picked?.["nested"] as { x: number }).x = 2;
    (picked?.["at"] as Date).setTime(0);
    expect(await things.findOne({ _id: "p" }, { projection: { nested: 1, at: 1 } })).toEqual({ _id: "p", at, nested: { x: 1 } });
    expect(await things.findOne({ _id: "p" }, { projection: { _id: 1 } })).toEqual({ _id: "p" });
    expect(await things.findOne({ _id: "p" }, { projection: { "nested.x": 1 } })).toEqual({ _id: "p", nested: { x: 1 } });
  });

  it("deletes one or many and counts", async () => {
    for (let i = 0; i < 5; i++) await things.insertOne({ _id: `d${i}`, even: i % 2 === 0 });
    expect((await things.deleteOne({ even: true })).deletedCount).toBe(1);
    expect((await things.deleteMany({ even: true })).deletedCount).toBe(2);
    expect(await things.countDocuments({})).toBe(2);
  });

  it("runs a basic aggregation pipeline", async () => {
    for (let i = 0; i < 6; i++) await things.insertOne({ _id: `d${i}`, level: i % 3 === 0 ? "high" : "low", n: i });
    const rows = await things
      .aggregate([{ $match: { n: { $gte: 1 } } }, { $group: { _id: "$level", count: { $sum: 1 }, total: { $sum: "$n" } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(rows).toEqual([{ _id: "high", count: 1, total: 3 }, { _id: "low", count: 4, total: 12 }]);
  });

  it("re-creating an identical index is a no-op", async () => {
    const name = await things.createIndex({ a: 1, b: -1 });
    expect(await things.createIndex({ a: 1, b: -1 })).toBe(name);
  });

  it("serialises 50 concurrent conditional updates: exactly one wins", async () => {
    await things.insertOne({ _id: "job", status: "pending" });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        things.findOneAndUpdate({ _id: "job", status: "pending" }, { $set: { status: "taken", by: i } }, { returnDocument: "after" }),
      ),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it("expires documents through a TTL index", async () => {
    await things.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await things.insertOne({ _id: "old", expiresAt: new Date(clock.now().getTime() + 1000) });
    await things.insertOne({ _id: "new", expiresAt: new Date(clock.now().getTime() + 60_000) });
    await things.insertOne({ _id: "never" });
    if (backend.name !== "embedded") return; // the server's monitor runs on its own schedule
    expect(await testDb.sweepExpired()).toBe(0);
    clock.advance(2000);
    expect(await testDb.sweepExpired()).toBe(1);
    expect((await things.find({}, { sort: { _id: 1 } }).toArray()).map((doc) => doc._id)).toEqual(["never", "new"]);
  });
});
