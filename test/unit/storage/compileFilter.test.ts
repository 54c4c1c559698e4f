import { describe, expect, it } from "@jest/globals";
import { ObjectId } from "bson";
import { Query } from "mingo";
import { compileFilter } from "../../../src/storage/embedded/compileFilter.js";

const id = new ObjectId();
const DOCS: Record<string, unknown>[] = [
  { _id: 1, status: "pending", n: 3, at: new Date(1000), lease: null, owner: "a", nested: { x: 1 } },
  { _id: 2, status: "received", n: 3.0, at: new Date(2000), owner: "b", list: [], ref: id },
  { _id: 3, status: "pending", n: "3", at: "1970", list: [{ id: "m1" }], nested: { x: [1, 2] } },
  { _id: 4, n: Number.NaN, lease: new Date(500), tags: ["a", "b"], nested: 5 },
  { _id: 5, status: "sent", n: -1, at: new Date(3000), lease: new Date(5000), owner: null },
];

const FILTERS: Record<string, unknown>[] = [
  {},
  { status: "pending" },
  { status: { $in: ["pending", "sent"] } },
  { status: { $in: [null] } },
  { status: { $ne: "pending" } },
  { n: 3 },
  { n: { $gt: 0, $lte: 3 } },
  { n: { $gte: "3" } },
  { n: Number.NaN },
  { at: { $lte: new Date(2000) } },
  { lease: null },
  { lease: { $exists: false } },
  { owner: { $exists: true } },
  { "nested.x": 1 },
  { "nested.x": { $gt: 1 } },
  { "list.0": { $exists: true } },
  { "list.0": { $exists: false } },
  { tags: "a" },
  { ref: new ObjectId(id.toHexString()) },
  { $or: [{ lease: { $exists: false } }, { lease: null }, { lease: { $lte: new Date(1000) } }, { owner: "b" }] },
  { $and: [{ status: "pending" }, { n: { $in: [3, "3"] } }] },
  { status: { $regex: "^pen" } },
  { list: { $elemMatch: { id: "m1" } } },
];

describe("compileFilter", () => {
  it("selects exactly what mingo selects", () => {
    for (const filter of FILTERS) {
      const test = compileFilter(filter);
      const query = new Query(filter);
      expect([filter, DOCS.filter((doc) => test(doc)).map((doc) => doc["_id"])]).toEqual([filter, DOCS.filter((doc) => query.test(doc)).map((doc) => doc["_id"])]);
    }
  });
});
