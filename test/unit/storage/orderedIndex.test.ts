/**
 * An ordered index keeps its entries in key order, ties in insertion order, whichever way they
 * arrive: mostly growing keys (dates, which take the append path), keys out of order, replacements
 * that move an entry, and deletions, over enough entries to split its buckets many times.
 */
import { describe, expect, it } from "@jest/globals";
import { MemoryCollection } from "../../../src/storage/embedded/memoryCollection.js";
import { seededRandom } from "../../helpers/storage/seededRandom.js";

const T0 = Date.UTC(2026, 0, 1);

// A type alias, not an interface: it must fit the store's document record type.
type Doc = {
  readonly _id: string;
  readonly group: string;
  readonly at: Date;
};

function indexOrder(memory: MemoryCollection, name: string): unknown[] {
  const index = memory.index(name);
  if (!index) throw new Error(`no index ${name}`);
  return [...index.scan(() => false, () => false, false)].map((entry) => memory.idOf(entry));
}

describe("an ordered index", () => {
  it("stays in key order, ties in insertion order, through appends, inserts, moves and deletions", () => {
    const random = seededRandom(3);
    const memory = new MemoryCollection("things");
    memory.addIndex({ name: "at", keys: { at: 1 }, unique: false }, true);
    memory.addIndex({ name: "group_at", keys: { group: 1, at: -1 }, unique: false }, true);
    const docs = new Map<string, Doc>();
    const inserted: string[] = []; // insertion rank, kept when a document is replaced
    const put = (doc: Doc): void => {
      if (!docs.has(doc._id)) inserted.push(doc._id);
      docs.set(doc._id, doc);
      memory.put({ idKey: `s${doc._id}`, doc });
    };
    let clock = T0;
    for (let i = 0; i < 6_000; i++) {
      const pick = random();
      // Mostly the next moment (the append path), sometimes the same one (a tie), sometimes the past.
      clock += pick < 0.7 ? 1000 : pick < 0.85 ? 0 : -Math.floor(random() * 3_000_000);
      put({ _id: `d${i}`, group: ["a", "b", "c"][Math.floor(random() * 3)] as string, at: new Date(clock) });
      if (random() < 0.1) {
        const moved = inserted[Math.floor(random() * inserted.length)] as string;
        put({ _id: moved, group: "b", at: new Date(T0 + Math.floor(random() * 6_000_000)) });
      }
      if (random() < 0.05) {
        const gone = inserted[Math.floor(random() * inserted.length)] as string;
        if (docs.delete(gone)) memory.delete(`s${gone}`);
      }
    }
    const rank = new Map(inserted.map((id, i) => [id, i]));
    const live = [...docs.values()];
    const byRank = (a: Doc, b: Doc): number => (rank.get(a._id) ?? 0) - (rank.get(b._id) ?? 0);
    const byAt = [...live].sort((a, b) => a.at.getTime() - b.at.getTime() || byRank(a, b));
    const byGroupAtDesc = [...live].sort((a, b) => a.group.localeCompare(b.group) || b.at.getTime() - a.at.getTime() || byRank(a, b));
    expect(live.length).toBeGreaterThan(5_000);
    expect(indexOrder(memory, "at")).toEqual(byAt.map((doc) => doc._id));
    expect(indexOrder(memory, "group_at")).toEqual(byGroupAtDesc.map((doc) => doc._id));
  });
});
