/** Evaluates `when` conditions against the session's record, scope first. Pure; no code is ever run. */
import type { Condition, FieldTest } from "../schema/condition.js";
import { readField, type FieldReading } from "./record.js";
import type { JsonValue, Scope, Session } from "./session.js";

function equal(a: JsonValue | undefined, b: JsonValue): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function holds(test: FieldTest, reading: FieldReading): boolean {
  const { value, status } = reading;
  const present = value !== undefined && value !== null;
  switch (test.op) {
    case "exists":
      return present === test.value;
    case "unknown":
      return (status === "dont_know") === test.value;
    case "eq":
      return equal(value, test.value);
    case "ne":
      return !equal(value, test.value);
    case "in":
      return test.values.some((v) => equal(value, v));
    case "not_in":
      return !test.values.some((v) => equal(value, v));
    case "contains":
      return Array.isArray(value) ? value.some((v) => equal(v, test.value)) : typeof value === "string" && typeof test.value === "string" && value.toLowerCase().includes(test.value.toLowerCase());
    case "lt":
      return typeof value === "number" && value < test.value;
    case "lte":
      return typeof value === "number" && value <= test.value;
    case "gt":
      return typeof value === "number" && value > test.value;
    case "gte":
      return typeof value === "number" && value >= test.value;
  }
}

export function evaluate(condition: Condition, session: Session, scope: Scope): boolean {
  switch (condition.kind) {
    case "all":
      return condition.items.every((c) => evaluate(c, session, scope));
    case "any":
      return condition.items.some((c) => evaluate(c, session, scope));
    case "not":
      return !evaluate(condition.item, session, scope);
    case "test":
      return holds(condition.test, readField(session, scope, condition.field));
  }
}
