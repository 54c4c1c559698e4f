/**
 * Reading and writing record fields relative to a frame's scope. Inside a repeat the scope is an
 * item (`["sought_children", 1]`): its fields are read first, then the record's. Local variables
 * (`_name`) live apart from the record and never leave the session.
 */
import type { AnswerStatus, JsonObject, JsonValue, Scope, Session } from "./session.js";

export function isLocal(field: string): boolean {
  return field.startsWith("_");
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The item a scope points at, or undefined if the path does not exist. */
export function scopeObject(record: JsonObject, scope: Scope): JsonObject | undefined {
  let node: JsonValue | undefined = record;
  for (const segment of scope) {
    if (typeof segment === "number") node = Array.isArray(node) ? node[segment] : undefined;
    else node = isObject(node) ? node[segment] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** "sought_children[1].name_first" — the path used in events, answer statuses and history. */
export function fieldPath(scope: Scope, field: string): string {
  const base = scopePath(scope);
  return base === "" ? field : `${base}.${field}`;
}

/** "sought_children[1]" for a repeat item's scope, "" for the record itself. */
export function scopePath(scope: Scope): string {
  let out = "";
  for (const segment of scope) out += typeof segment === "number" ? `[${segment}]` : out === "" ? segment : `.${segment}`;
  return out;
}

export interface FieldReading {
  readonly value: JsonValue | undefined;
  readonly status: AnswerStatus | undefined;
}

export function readField(session: Session, scope: Scope, field: string): FieldReading {
  if (isLocal(field)) return { value: session.vars[field], status: undefined };
  const item = scopeObject(session.record, scope);
  if (scope.length > 0 && item && (field in item || session.answerStatus[fieldPath(scope, field)] !== undefined)) {
    return { value: item[field], status: session.answerStatus[fieldPath(scope, field)] };
  }
  return { value: session.record[field], status: session.answerStatus[field] };
}

/** Parses a path written by `fieldPath` back into segments. */
function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[]+)((\[\d+\])*)$/.exec(part);
    if (!match || match[1] === undefined) continue;
    segments.push(match[1]);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** Writes (or with `undefined`, deletes) the value at a path, creating nothing but the last key. */
export function writePath(session: Session, path: string, value: JsonValue | undefined): void {
  if (isLocal(path)) {
    if (value === undefined) delete session.vars[path];
    else session.vars[path] = value;
    return;
  }
  const segments = parsePath(path);
  const last = segments.pop();
  const parent = scopeObject(session.record, segments);
  if (parent === undefined || typeof last !== "string") return;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

export function readPath(session: Session, path: string): JsonValue | undefined {
  if (isLocal(path)) return session.vars[path];
  const segments = parsePath(path);
  const last = segments.pop();
  const parent = scopeObject(session.record, segments);
  return parent && typeof last === "string" ? parent[last] : undefined;
}
