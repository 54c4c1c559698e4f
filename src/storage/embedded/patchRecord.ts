/**
 * The journal body for a changed document: a patch of the top-level fields that changed, or the
 * whole document when most of it changed. Updates copy only what they change and share the rest
 * with the previous version (applyUpdate.ts), so "changed" is a reference comparison, and a lease
 * renewal or a status change journals a few bytes instead of a conversation's whole state.
 */
import { withoutKeys } from "./fastProperties.js";
import type { RecordKind } from "./journalRecord.js";

type Doc = Readonly<Record<string, unknown>>;

export interface ChangeBody {
  readonly kind: Extract<RecordKind, "put" | "patch">;
  /** What the record holds: the whole document, or the patch (serialised by recordFrame.ts). */
  readonly body: Doc;
}

/** The journal body for the change from `previous` (undefined for a new document) to `next`. */
export function changeBody(previous: Doc | undefined, next: Doc): ChangeBody {
  if (!previous) return { kind: "put", body: next };
  const set: Record<string, unknown> = {};
  let changed = 0;
  for (const key of Object.keys(next)) {
    if (!Object.hasOwn(previous, key) || previous[key] !== next[key]) {
      set[key] = next[key];
      changed++;
    }
  }
  const unset = Object.keys(previous).filter((key) => !Object.hasOwn(next, key));
  if ((changed + unset.length) * 2 > Object.keys(next).length) return { kind: "put", body: next };
  return { kind: "patch", body: { _id: next["_id"], set, unset } };
}

/** Replays a patch: the document with the patch's fields set and removed. */
export function applyPatch(doc: Doc, patch: Doc): Record<string, unknown> {
  return withoutKeys({ ...doc, ...(patch["set"] as Doc) }, patch["unset"] as readonly string[]);
}
