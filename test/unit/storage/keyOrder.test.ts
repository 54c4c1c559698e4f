/**
 * Index keys are ordered as MongoDB orders them across types (mingo's `compare`), with NaN before
 * every other number; the fast path for two strings or two numbers must give the same order.
 */
import { describe, expect, it } from "@jest/globals";
import { compare } from "mingo/util";
import { compareKeys } from "../../../src/storage/embedded/keyOrder.js";

/** The order without the fast path: NaN first among numbers, everything else as mingo has it. */
function reference(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number" && (Number.isNaN(a) || Number.isNaN(b))) {
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
  }
  return compare(a ?? null, b ?? null);
}

const VALUES: unknown[] = [
  "", "a", "B", "b", "ab", "é", "e\u0301", "😀", "\uffff", "pending", "sent", "10", "9",
  0, -0, 1, -1, 0.5, 1e21, -Infinity, Infinity, Number.NaN, Number.MAX_SAFE_INTEGER,
  null, undefined, true, false, new Date(0), new Date(1), { a: 1 }, [1, 2],
];

describe("index key order", () => {
  it("orders every pair of keys as mingo's order does, NaN first among numbers", () => {
    for (const a of VALUES) for (const b of VALUES) expect([a, b, Math.sign(compareKeys(a, b))]).toEqual([a, b, Math.sign(reference(a, b))]);
  });
});
