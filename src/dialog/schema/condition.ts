/**
 * `when` conditions: a small, safe expression form written as YAML data — never evaluated as code.
 *
 *   when: { sex: female }                          # equals (shorthand)
 *   when: { age: { lt: 5 } }                       # eq ne in not_in lt lte gt gte exists unknown contains
 *   when: { all: [ { age: { lt: 5 } }, { protection_status: unaccompanied } ] }
 *   when: { any: [ ... ] }   when: { not: { ... } }
 *
 * Several fields in one object must all hold. A field is a record field saved by an earlier question
 * (inside a repeat, the current item's fields come first), or a local variable (`_name`).
 * `unknown: true` holds when the person answered "I don't know"; `exists: false` when there is no value.
 */
import { z } from "zod";

export type Scalar = string | number | boolean | null;

export type FieldTest =
  | { readonly op: "eq" | "ne" | "contains"; readonly value: Scalar }
  | { readonly op: "in" | "not_in"; readonly values: readonly Scalar[] }
  | { readonly op: "lt" | "lte" | "gt" | "gte"; readonly value: number }
  | { readonly op: "exists" | "unknown"; readonly value: boolean };

export type Condition =
  | { readonly kind: "all" | "any"; readonly items: readonly Condition[] }
  | { readonly kind: "not"; readonly item: Condition }
  | { readonly kind: "test"; readonly field: string; readonly test: FieldTest };

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const FIELD_NAME = /^_?[a-z][a-z0-9_]*$/;
const COMPARISONS = new Set(["lt", "lte", "gt", "gte"]);
const SCALAR_OPS = new Set(["eq", "ne", "contains"]);
const LIST_OPS = new Set(["in", "not_in"]);
const BOOL_OPS = new Set(["exists", "unknown"]);

type Issue = { message: string; path: (string | number)[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseTest(raw: unknown, path: (string | number)[], issues: Issue[]): FieldTest[] {
  if (!isPlainObject(raw)) {
    const scalar = ScalarSchema.safeParse(raw);
    if (scalar.success) return [{ op: "eq", value: scalar.data }];
    issues.push({ message: "expected a value or an object of tests", path });
    return [];
  }
  const tests: FieldTest[] = [];
  for (const [op, value] of Object.entries(raw)) {
    const at = [...path, op];
    if (SCALAR_OPS.has(op) && (op === "eq" || op === "ne" || op === "contains")) {
      const scalar = ScalarSchema.safeParse(value);
      if (scalar.success) tests.push({ op, value: scalar.data });
      else issues.push({ message: `"${op}" expects a single value`, path: at });
    } else if (LIST_OPS.has(op) && (op === "in" || op === "not_in")) {
      const list = z.array(ScalarSchema).min(1).safeParse(value);
      if (list.success) tests.push({ op, values: list.data });
      else issues.push({ message: `"${op}" expects a non-empty list of values`, path: at });
    } else if (COMPARISONS.has(op) && (op === "lt" || op === "lte" || op === "gt" || op === "gte")) {
      if (typeof value === "number" && Number.isFinite(value)) tests.push({ op, value });
      else issues.push({ message: `"${op}" expects a number`, path: at });
    } else if (BOOL_OPS.has(op) && (op === "exists" || op === "unknown")) {
      if (typeof value === "boolean") tests.push({ op, value });
      else issues.push({ message: `"${op}" expects true or false`, path: at });
    } else {
      issues.push({
        message: `unknown test "${op}" (use eq, ne, in, not_in, lt, lte, gt, gte, exists, unknown, contains)`,
        path: at,
      });
    }
  }
  if (tests.length === 0 && issues.length === 0) issues.push({ message: "empty test", path });
  return tests;
}

function parseList(raw: unknown, path: (string | number)[], issues: Issue[]): Condition[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({ message: "expected a non-empty list of conditions", path });
    return [];
  }
  return raw.map((item, i) => parseNode(item, [...path, i], issues));
}

function parseNode(raw: unknown, path: (string | number)[], issues: Issue[]): Condition {
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    issues.push({ message: "expected a condition object", path });
    return { kind: "all", items: [] };
  }
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const at = [...path, key];
    if (key === "all" || key === "any") parts.push({ kind: key, items: parseList(value, at, issues) });
    else if (key === "not") parts.push({ kind: "not", item: parseNode(value, at, issues) });
    else if (!FIELD_NAME.test(key)) issues.push({ message: `"${key}" is not a field name`, path: at });
    else for (const test of parseTest(value, at, issues)) parts.push({ kind: "test", field: key, test });
  }
  const [only] = parts;
  return parts.length === 1 && only ? only : { kind: "all", items: parts };
}

/** Zod schema that turns the YAML form into the typed `Condition` tree, reporting every problem with its path. */
export const ConditionSchema = z.unknown().transform((raw, ctx): Condition => {
  const issues: Issue[] = [];
  const condition = parseNode(raw, [], issues);
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return condition;
});

/** Every field a condition reads, for the reference check. */
export function conditionFields(condition: Condition): string[] {
  switch (condition.kind) {
    case "all":
    case "any":
      return condition.items.flatMap(conditionFields);
    case "not":
      return conditionFields(condition.item);
    case "test":
      return [condition.field];
  }
}
