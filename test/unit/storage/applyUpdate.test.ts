import { describe, expect, it } from "@jest/globals";
import { seedFromFilter, updatedCopy } from "../../../src/storage/embedded/applyUpdate.js";

describe("updatedCopy", () => {
  it("applies $setOnInsert only when inserting", () => {
    expect(updatedCopy({}, { $setOnInsert: { createdAt: 1 }, $set: { seen: 2 } }, true)).toEqual({ createdAt: 1, seen: 2 });
    expect(updatedCopy({ createdAt: 0 }, { $setOnInsert: { createdAt: 1 }, $set: { seen: 3 } }, false)).toEqual({ createdAt: 0, seen: 3 });
  });

  it("reports no change for an update that changes nothing", () => {
    expect(updatedCopy({ a: 1 }, { $set: { a: 1 } }, false)).toBeUndefined();
    expect(updatedCopy({ a: { b: [1, new Date(5)] } }, { $set: { a: { b: [1, new Date(5)] } } }, false)).toBeUndefined();
    expect(updatedCopy({ a: 1 }, { $setOnInsert: { a: 2 } }, false)).toBeUndefined();
    expect(updatedCopy({ a: 1 }, { $unset: { "b.c": "" }, $inc: { a: 0 } }, false)).toBeUndefined();
  });

  it("never touches the original, and shares only what did not change", () => {
    const original = { _id: "x", kept: { deep: [1] }, nested: { n: 1, other: { o: 1 } }, list: [1] };
    const updated = updatedCopy(original, { $set: { "nested.n": 2, "fresh.f": new Date(7) }, $inc: { count: 1 }, $push: { list: { $each: [2, 3] } } }, false);
    expect(original).toEqual({ _id: "x", kept: { deep: [1] }, nested: { n: 1, other: { o: 1 } }, list: [1] });
    expect(updated).toEqual({ _id: "x", kept: { deep: [1] }, nested: { n: 2, other: { o: 1 } }, list: [1, 2, 3], fresh: { f: new Date(7) }, count: 1 });
    expect(updated?.["kept"]).toBe(original.kept);
    expect(updated?.["nested"]).not.toBe(original.nested);
  });

  it("copies the values it sets, so the caller's objects never become part of the store", () => {
    const value = { list: [1], at: new Date(1) };
    const updated = updatedCopy({}, { $set: { value } }, false);
    value.list.push(2);
    value.at.setTime(2);
    expect(updated).toEqual({ value: { list: [1], at: new Date(1) } });
  });

  it("leaves other operators and paths through arrays to mingo, with the same results", () => {
    expect(updatedCopy({ list: [{ id: "a" }, { id: "b" }] }, { $pull: { list: { id: { $in: ["a"] } } } }, false)).toEqual({ list: [{ id: "b" }] });
    expect(updatedCopy({ list: [{ n: 1 }] }, { $set: { "list.0.n": 2 } }, false)).toEqual({ list: [{ n: 2 }] });
    expect(updatedCopy({ n: 5 }, { $max: { n: 7 }, $addToSet: { tags: "x" } }, false)).toEqual({ n: 7, tags: ["x"] });
  });

  it("refuses replacement documents and unknown operators", () => {
    expect(() => updatedCopy({}, { $rename: { a: "b" } } as never, false)).toThrow(/\$rename/);
    expect(() => updatedCopy({}, { $set: { a: 1 }, $setOnInsert: { a: 2 } }, true)).toThrow(/\$setOnInsert/);
  });

  it("seeds an upsert from the filter's equalities, dotted paths and $eq, ignoring other operators", () => {
    expect(seedFromFilter({ _id: "x", "a.b": 1, c: { $eq: 2 }, d: { $gt: 3 }, $and: [{ e: 4 }], $or: [{ f: 5 }] })).toEqual({
      _id: "x",
      a: { b: 1 },
      c: 2,
      e: 4,
    });
  });
});
