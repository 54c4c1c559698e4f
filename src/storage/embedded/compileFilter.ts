/**
 * Filters compiled to plain predicates. Every read and write of the embedded store matches a filter,
 * and mingo compiles a new `Query` (re-initialising its operator tables) on each call: most of the
 * store's query time. The filters kinlink writes are simple (equality, comparisons, `$in`,
 * `$exists`, `$ne`, `$or`/`$and` on scalar fields), so those are compiled here into closures; any
 * other shape (regular expressions, `$elemMatch`, operands that are documents or arrays…) is left to
 * mingo whole. A path that meets an array in a document (where MongoDB's array semantics start) is
 * also answered by mingo, for that document, so results never differ from mingo's.
 */
import type { Query } from "mingo";
import { ObjectId } from "bson";
import type { DocFilter } from "../../ports/docCollection.js";
import { isPlainObject } from "./canonicalCopy.js";
import { mingo } from "./lazyMingo.js";

type Doc = Readonly<Record<string, unknown>>;
/** true / false, or undefined when this document needs MongoDB's array semantics (mingo decides). */
type Test = (doc: Doc) => boolean | undefined;
export type Predicate = (doc: Doc) => boolean;

const ARRAY = Symbol("array");
const COMPARISONS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$exists"]);

/** A predicate equivalent to `new Query(filter).test`. */
export function compileFilter(filter: DocFilter): Predicate {
  const test = compileAnd(filter);
  if (!test) {
    const query = new (mingo().Query)({ ...filter });
    return (doc) => query.test(doc);
  }
  let query: Query | undefined;
  return (doc) => test(doc) ?? (query ??= new (mingo().Query)({ ...filter })).test(doc);
}

function compileAnd(filter: DocFilter): Test | undefined {
  const tests: Test[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    const test = key === "$or" || key === "$and" ? compileLogical(key, condition) : key.startsWith("$") ? undefined : compileField(key, condition);
    if (!test) return undefined;
    tests.push(test);
  }
  return allOf(tests);
}

function compileLogical(operator: "$or" | "$and", clauses: unknown): Test | undefined {
  if (!Array.isArray(clauses) || clauses.length === 0) return undefined;
  const tests: Test[] = [];
  for (const clause of clauses) {
    const test = isPlainObject(clause) ? compileAnd(clause) : undefined;
    if (!test) return undefined;
    tests.push(test);
  }
  return operator === "$and" ? allOf(tests) : anyOf(tests);
}

function allOf(tests: readonly Test[]): Test {
  return (doc) => {
    let unsure = false;
    for (const test of tests) {
      const result = test(doc);
      if (result === false) return false;
      if (result === undefined) unsure = true;
    }
    return unsure ? undefined : true;
  };
}

function anyOf(tests: readonly Test[]): Test {
  return (doc) => {
    let unsure = false;
    for (const test of tests) {
      const result = test(doc);
      if (result === true) return true;
      if (result === undefined) unsure = true;
    }
    return unsure ? undefined : false;
  };
}

function compileField(path: string, condition: unknown): Test | undefined {
  const parts = path.split(".");
  const valueTest = isOperatorObject(condition) ? compileOperators(condition) : isScalar(condition) ? equals(condition) : undefined;
  if (!valueTest) return undefined;
  return (doc) => {
    const value = resolvePath(doc, parts);
    return value === ARRAY ? undefined : valueTest(value);
  };
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith("$"));
}

function compileOperators(operators: Record<string, unknown>): ((value: unknown) => boolean) | undefined {
  const tests: ((value: unknown) => boolean)[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    if (!COMPARISONS.has(operator)) return undefined;
    const test = compileOperator(operator, operand);
    if (!test) return undefined;
    tests.push(test);
  }
  return (value) => tests.every((test) => test(value));
}

function compileOperator(operator: string, operand: unknown): ((value: unknown) => boolean) | undefined {
  if (operator === "$exists") return typeof operand === "boolean" ? (value) => (value !== undefined) === operand : undefined;
  if (operator === "$in") return Array.isArray(operand) && operand.every(isScalar) ? anyEquals(operand) : undefined;
  if (!isScalar(operand)) return undefined;
  if (operator === "$eq") return equals(operand);
  if (operator === "$ne") {
    const eq = equals(operand);
    return (value) => !eq(value);
  }
  return isOrdered(operand) ? ordered(operator, operand) : undefined;
}

/** Scalars: the values compared here; documents, arrays and other types are left to mingo. */
function isScalar(value: unknown): value is string | number | boolean | null | Date | ObjectId {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date || value instanceof ObjectId;
}

function isOrdered(value: unknown): value is string | number | Date {
  return typeof value === "string" || (typeof value === "number" && !Number.isNaN(value)) || value instanceof Date;
}

/** MongoDB equality on a field: null also matches a missing field; 1 equals 1.0; NaN equals NaN. */
function equals(operand: string | number | boolean | null | Date | ObjectId): (value: unknown) => boolean {
  if (operand === null) return (value) => value === null || value === undefined;
  if (operand instanceof Date) {
    const time = operand.getTime();
    return (value) => value instanceof Date && value.getTime() === time;
  }
  if (operand instanceof ObjectId) return (value) => value instanceof ObjectId && value.equals(operand);
  if (typeof operand === "number" && Number.isNaN(operand)) return (value) => typeof value === "number" && Number.isNaN(value);
  return (value) => value === operand;
}

function anyEquals(operands: readonly (string | number | boolean | null | Date | ObjectId)[]): (value: unknown) => boolean {
  const tests = operands.map(equals);
  return (value) => tests.some((test) => test(value));
}

/** Comparisons only within a type (MongoDB's type bracketing): a string is never "less" than a date. */
function ordered(operator: string, operand: string | number | Date): ((value: unknown) => boolean) | undefined {
  const key = (value: unknown): number | string | undefined => {
    if (operand instanceof Date) return value instanceof Date ? value.getTime() : undefined;
    return typeof value === typeof operand && !Number.isNaN(value) ? (value as number | string) : undefined;
  };
  const bound = operand instanceof Date ? operand.getTime() : operand;
  const compare = comparator(operator);
  if (!compare) return undefined;
  return (value) => {
    const k = key(value);
    return k !== undefined && compare(k, bound);
  };
}

function comparator(operator: string): ((a: number | string, b: number | string) => boolean) | undefined {
  if (operator === "$gt") return (a, b) => a > b;
  if (operator === "$gte") return (a, b) => a >= b;
  if (operator === "$lt") return (a, b) => a < b;
  if (operator === "$lte") return (a, b) => a <= b;
  return undefined;
}

/**
 * The value at a dotted path; undefined when missing; ARRAY when the path meets an array, except
 * that a numeric step into an empty array is simply missing (`{ "list.0": { $exists: true } }`).
 */
function resolvePath(doc: Doc, parts: readonly string[]): unknown {
  let current: unknown = doc;
  for (const part of parts) {
    if (Array.isArray(current)) return current.length === 0 && /^\d+$/.test(part) ? undefined : ARRAY;
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return Array.isArray(current) ? ARRAY : current;
}
