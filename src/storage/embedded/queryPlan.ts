/**
 * Which part of which index a query reads, and reading it. An index serves a filter that pins its
 * leading fields (equality, or `$in` on a few values: one run per combination) and optionally
 * bounds the next one ($gt/$gte/$lt/$lte on one type); it serves a sort too when the sort's leading
 * fields are the index's next fields, all in the index's direction or all reversed. So the queue
 * listing ({status: {$in}} by priority desc, createdAt) and the sweeper's due queries
 * ({status, nextAttemptAt: {$lte}}, {timerAt: {$lte}}) read only what they return.
 *
 * The index only narrows: every candidate is still tested against the whole filter, and results
 * are exactly those of sorting the matches (ties on the whole sort in insertion order, as the
 * in-memory sort gives them): entries tied on the sort fields the index serves are sorted on the
 * rest of the sort before they are returned, and the scan stops once a page is complete.
 */
import { ObjectId } from "bson";
import type { DocFilter, DocSort } from "../../ports/docCollection.js";
import { isPlainObject } from "./canonicalCopy.js";
import { compareKeys, fieldPath, valueAt } from "./keyOrder.js";
import type { Entry } from "./entry.js";

type Doc = Readonly<Record<string, unknown>>;
/** How the plan reads a document (hot, or from disk: docCache.ts). */
export type DocOf = (entry: Entry) => Doc;
const inMemory: DocOf = (entry) => entry.doc ?? {};
import type { Edge, OrderedIndex } from "./orderedIndex.js";

interface Bound {
  readonly value: unknown;
  readonly inclusive: boolean;
}

interface Range {
  readonly low: Bound;
  readonly high: Bound;
}

export interface Plan {
  readonly index: OrderedIndex;
  /** The leading fields' values, one list per run. */
  readonly prefixes: readonly (readonly unknown[])[];
  /** Bounds on the field after the prefix. */
  readonly range: Range | undefined;
  /** How many leading sort fields the index order gives (0: sort after reading). */
  readonly sorted: number;
  readonly reverse: boolean;
}

export interface Page {
  readonly sort?: DocSort | undefined;
  readonly skip?: number | undefined;
  readonly limit?: number | undefined;
}

/** Runs from `$in` multiply: past this many, the prefix is not worth it. */
const MAX_RUNS = 64;
const RANGE_OPERATORS = new Set(["$gt", "$gte", "$lt", "$lte"]);

/** The index reading the fewest documents, by the most pinned fields, then a range, then a served sort. */
export function planQuery(indexes: Iterable<OrderedIndex>, filter: DocFilter, sort: DocSort | undefined): Plan | undefined {
  let best: { plan: Plan; score: number } | undefined;
  for (const index of indexes) {
    const plan = index.partial ? undefined : planFor(index, filter, sort);
    if (!plan) continue;
    const score = (plan.prefixes[0]?.length ?? 0) * 4 + (plan.range ? 2 : 0) + (plan.sorted > 0 ? 1 : 0);
    if (!best || score > best.score) best = { plan, score };
  }
  return best?.plan;
}

function planFor(index: OrderedIndex, filter: DocFilter, sort: DocSort | undefined): Plan | undefined {
  let prefixes: unknown[][] = [[]];
  for (const field of index.fields) {
    const values = pinnedValues(filter, field);
    if (!values || prefixes.length * values.length > MAX_RUNS) break;
    prefixes = prefixes.flatMap((prefix) => values.map((value) => [...prefix, value]));
  }
  const pinned = prefixes[0]?.length ?? 0;
  const next = index.fields[pinned];
  const range = next === undefined ? undefined : rangeOf(filter, next);
  if (pinned === 0 && !range) return undefined;
  return { index, prefixes, range, ...servedSort(index, pinned, sort) };
}

/** The values a filter allows for a field: `field: v`, `{$eq: v}` or `{$in: [...]}` on plain scalars. */
function pinnedValues(filter: DocFilter, field: string): unknown[] | undefined {
  if (!Object.hasOwn(filter, field)) return undefined;
  const condition = filter[field];
  if (isKeyScalar(condition)) return [condition];
  if (!isPlainObject(condition) || Object.keys(condition).length !== 1) return undefined;
  if (Object.hasOwn(condition, "$eq")) return isKeyScalar(condition["$eq"]) ? [condition["$eq"]] : undefined;
  const list = condition["$in"];
  if (!Array.isArray(list) || list.length === 0 || !list.every(isKeyScalar)) return undefined;
  return [...list].sort(compareKeys).filter((value, i, sorted) => i === 0 || compareKeys(sorted[i - 1], value) !== 0);
}

/** Values an index lookup finds exactly (arrays and documents match by MongoDB's array rules: not here). */
function isKeyScalar(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean" || value instanceof Date || value instanceof ObjectId) return true;
  return typeof value === "number" && !Number.isNaN(value);
}

/** Bounds from comparison operators on one type, closed to that type's bracket (a date range never reads strings). */
function rangeOf(filter: DocFilter, field: string): Range | undefined {
  const condition = Object.hasOwn(filter, field) ? filter[field] : undefined;
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.entries(condition);
  if (operators.length === 0 || !operators.every(([operator]) => RANGE_OPERATORS.has(operator))) return undefined;
  const bracket = typeBracket(operators[0]?.[1]);
  if (!bracket || !operators.every(([, operand]) => typeBracket(operand) === bracket)) return undefined;
  let { low, high } = bracket;
  for (const [operator, value] of operators) {
    const bound = { value, inclusive: operator.endsWith("e") };
    if (operator.startsWith("$g")) low = tighter(low, bound, 1);
    else high = tighter(high, bound, -1);
  }
  return { low, high };
}

const NUMBERS: Range = { low: { value: Number.NEGATIVE_INFINITY, inclusive: true }, high: { value: Number.POSITIVE_INFINITY, inclusive: true } };
const STRINGS: Range = { low: { value: "", inclusive: true }, high: { value: {}, inclusive: false } };
const DATES: Range = { low: { value: new Date(-8.64e15), inclusive: true }, high: { value: new Date(8.64e15), inclusive: true } };

function typeBracket(value: unknown): Range | undefined {
  if (typeof value === "number") return Number.isNaN(value) ? undefined : NUMBERS;
  if (typeof value === "string") return STRINGS;
  return value instanceof Date ? DATES : undefined;
}

/** The narrower of two bounds: for a low bound (side 1) the larger, for a high bound (side -1) the smaller. */
function tighter(current: Bound, candidate: Bound, side: 1 | -1): Bound {
  const order = compareKeys(candidate.value, current.value) * side;
  if (order > 0) return candidate;
  if (order < 0) return current;
  return current.inclusive ? candidate : current;
}

function servedSort(index: OrderedIndex, pinned: number, sort: DocSort | undefined): Pick<Plan, "sorted" | "reverse"> {
  const fields = Object.entries(sort ?? {});
  let sorted = 0;
  let reverse = false;
  for (const [k, [field, direction]] of fields.entries()) {
    const i = pinned + k;
    if (index.fields[i] !== field) break;
    const reversed = direction !== index.directions[i];
    if (k === 0) reverse = reversed;
    else if (reversed !== reverse) break;
    sorted++;
  }
  return { sorted, reverse };
}

/** The plan's candidates, every one tested, sorted and paged as the query asks. */
export function readPlan(plan: Plan, test: (entry: Entry) => boolean, page: Page, docOf: DocOf = inMemory): Entry[] {
  const runs = plan.prefixes.map((prefix) => runOf(plan, prefix));
  if (plan.sorted === 0) {
    return paged(runs.flatMap((run) => [...run].filter(test)).sort(bySort(page.sort, docOf)), page);
  }
  const skip = page.skip ?? 0;
  const wanted = page.limit ? skip + page.limit : Number.POSITIVE_INFINITY;
  const from = plan.prefixes[0]?.length ?? 0;
  const served = (a: Entry, b: Entry): number => plan.index.compareEntryKeys(a, b, from, from + plan.sorted) * (plan.reverse ? -1 : 1);
  const rest = bySort(page.sort, docOf);
  const out: Entry[] = [];
  let tied: Entry[] = [];
  for (const entry of merged(runs, served)) {
    if (!test(entry)) continue;
    const first = tied[0];
    if (first && served(first, entry) !== 0) {
      out.push(...tied.sort(rest));
      tied = [];
      if (out.length >= wanted) break;
    }
    tied.push(entry);
  }
  out.push(...tied.sort(rest));
  return paged(out, page);
}

/** How many of the plan's candidates pass the test (no sorting: a count). */
export function countPlan(plan: Plan, test: (entry: Entry) => boolean): number {
  let count = 0;
  for (const prefix of plan.prefixes) for (const entry of runOf(plan, prefix)) if (test(entry)) count++;
  return count;
}

function paged(entries: Entry[], page: Page): Entry[] {
  const skip = page.skip ?? 0;
  // The driver treats limit 0 as "no limit".
  return entries.slice(skip, page.limit ? skip + page.limit : undefined);
}

/**
 * The whole sort, ties in insertion order: what a stable sort of the matches in natural order gives.
 * Each entry's sort values are read once (a cold document once from disk), and only those are kept.
 */
export function bySort(sort: DocSort | undefined, docOf: DocOf = inMemory): (a: Entry, b: Entry) => number {
  const fields = Object.entries(sort ?? {}).map(([field, direction]) => ({ path: fieldPath(field), direction }));
  if (fields.length === 0) return (a, b) => a.seq - b.seq;
  const known = new Map<Entry, unknown[]>();
  const valuesOf = (entry: Entry): unknown[] => {
    let values = known.get(entry);
    if (!values) {
      const doc = docOf(entry);
      values = fields.map(({ path }) => valueAt(doc, path));
      known.set(entry, values);
    }
    return values;
  };
  return (a, b) => {
    const left = valuesOf(a);
    const right = valuesOf(b);
    for (let i = 0; i < fields.length; i++) {
      const order = compareKeys(left[i], right[i]);
      if (order !== 0) return order * (fields[i]?.direction ?? 1);
    }
    return a.seq - b.seq;
  };
}

/** One run: the entries with this prefix (and within the range), in the order the plan reads. */
function runOf(plan: Plan, prefix: readonly unknown[]): Generator<Entry> {
  const { index, range } = plan;
  const at = prefix.length;
  const direction = index.directions[at] ?? 1;
  const prefixOrder = (entry: Entry): number => {
    for (const [i, value] of prefix.entries()) {
      const order = index.compareTo(entry, i, value) * (index.directions[i] ?? 1);
      if (order !== 0) return order;
    }
    return 0;
  };
  // In index order the run starts at the low bound when the ranged field ascends, at the high one when it descends.
  const outside = (entry: Entry, bound: Bound, side: 1 | -1): boolean => {
    const order = index.compareTo(entry, at, bound.value) * side;
    return order < 0 || (order === 0 && !bound.inclusive);
  };
  const before: Edge = (entry) => {
    const order = prefixOrder(entry);
    if (order !== 0 || !range) return order < 0;
    return direction === 1 ? outside(entry, range.low, 1) : outside(entry, range.high, -1);
  };
  const after: Edge = (entry) => {
    const order = prefixOrder(entry);
    if (order !== 0 || !range) return order > 0;
    return direction === 1 ? outside(entry, range.high, -1) : outside(entry, range.low, 1);
  };
  return index.scan(before, after, plan.reverse);
}

/** Several ordered runs as one, by `order` (a k-way merge; k is the number of `$in` combinations). */
function* merged(runs: readonly Generator<Entry>[], order: (a: Entry, b: Entry) => number): Generator<Entry> {
  const heads = runs.map((run) => run.next());
  for (;;) {
    let best: number | undefined;
    for (const [i, head] of heads.entries()) {
      const leader = best === undefined ? undefined : heads[best];
      if (!head.done && (!leader || leader.done || order(head.value, leader.value) < 0)) best = i;
    }
    const run = best === undefined ? undefined : runs[best];
    const head = best === undefined ? undefined : heads[best];
    if (best === undefined || !run || !head || head.done) return;
    yield head.value;
    heads[best] = run.next();
  }
}
