import { describe, expect, it } from "@jest/globals";
import { applyUpdate, seedFromFilter } from "../../../src/storage/embedded/applyUpdate.js";

describe("applyUpdate", () => {
  it("applies $setOnInsert only when inserting", () => {
    const inserting: Record<string, unknown> = {};
    expect(applyUpdate(inserting, { $setOnInsert: { createdAt: 1 }, $set: { seen: 2 } }, true)).toBe(true);
    expect(inserting).toEqual({ createdAt: 1, seen: 2 });
    const updating: Record<string, unknown> = { createdAt: 0 };
    applyUpdate(updating, { $setOnInsert: { createdAt: 1 }, $set: { seen: 3 } }, false);
    expect(updating).toEqual({ createdAt: 0, seen: 3 });
  });

  it("reports no change for an update that changes nothing", () => {
    expect(applyUpdate({ a: 1 }, { $set: { a: 1 } }, false)).toBe(false);
    expect(applyUpdate({ a: 1 }, { $setOnInsert: { a: 2 } }, false)).toBe(false);
  });

  it("refuses replacement documents and unknown operators", () => {
    expect(() => applyUpdate({}, { $rename: { a: "b" } } as never, false)).toThrow(/\$rename/);
    expect(() => applyUpdate({}, { $set: { a: 1 }, $setOnInsert: { a: 2 } }, true)).toThrow(/\$setOnInsert/);
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
