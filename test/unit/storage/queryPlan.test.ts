/**
 * The embedded store reads only what a query returns when an index serves it: the queue's first
 * page tests a page of documents, not the collection; a due-time query tests only the due ones.
 * (Results against MongoDB's semantics: test/contract/indexedQueries.contract.test.ts.)
 */
import { describe, expect, it } from "@jest/globals";
import { compileFilter } from "../../../src/storage/embedded/compileFilter.js";
import type { Entry } from "../../../src/storage/embedded/entry.js";
import { MemoryCollection } from "../../../src/storage/embedded/memoryCollection.js";
import { bySort, planQuery, readPlan } from "../../../src/storage/embedded/queryPlan.js";
import type { DocFilter, DocSort } from "../../../src/ports/docCollection.js";

const COUNT = 5_000;
const T0 = Date.UTC(2025, 0, 1);

function collection(): MemoryCollection {
  const memory = new MemoryCollection("escalations");
  memory.addIndex({ name: "queue", keys: { status: 1, priority: -1, createdAt: 1 }, unique: false }, true);
  memory.addIndex({ name: "timer", keys: { timerAt: 1 }, unique: false }, true);
  for (let i = 0; i < COUNT; i++) {
    const doc = { _id: `e${i}`, status: ["pending", "released", "claimed"][i % 3], priority: i % 4, createdAt: new Date(T0 + i * 1000), timerAt: new Date(T0 + (COUNT - i) * 1000) };
    memory.put({ idKey: `s${doc._id}`, doc });
  }
  return memory;
}

/** Reads through the plan, counting the documents it tests. */
function read(memory: MemoryCollection, filter: DocFilter, sort: DocSort, limit: number): { ids: unknown[]; tested: number; indexed: string | undefined } {
  const plan = planQuery([memory.index("queue"), memory.index("timer")].filter((index) => index !== undefined), filter, sort);
  const matches = compileFilter(filter);
  let tested = 0;
  const test = (entry: Entry): boolean => {
    tested++;
    return matches(memory.docOf(entry));
  };
  const entries = plan ? readPlan(plan, test, { sort, limit }) : [];
  return { ids: entries.map((entry) => memory.idOf(entry)), tested, indexed: plan?.index.definition.name };
}

describe("reading through an ordered index", () => {
  const memory = collection();

  it("pages the queue without reading the rest of it", () => {
    const filter = { status: { $in: ["pending", "released"] } };
    const sort = { priority: -1, createdAt: 1, _id: 1 } as const;
    const { ids, tested, indexed } = read(memory, filter, sort, 20);
    expect(indexed).toBe("queue");
    const everything = [...memory.entries()].filter((entry) => compileFilter(filter)(memory.docOf(entry))).sort(bySort(sort));
    expect(ids).toEqual(everything.slice(0, 20).map((entry) => memory.idOf(entry)));
    // Two runs ($in), each read a page's worth plus the one entry that ends a page.
    expect(tested).toBeLessThanOrEqual(2 * 21);
  });

  it("reads only the due documents of a due-time query", () => {
    const filter = { timerAt: { $lte: new Date(T0 + 100 * 1000) } };
    const { ids, tested, indexed } = read(memory, filter, { timerAt: 1 }, 200);
    expect(indexed).toBe("timer");
    expect(ids).toHaveLength(100);
    expect(tested).toBe(100);
  });
});
