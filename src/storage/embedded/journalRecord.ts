/**
 * What one journal record means. Records are physical ("this is now the whole document", "this
 * id is gone"), never the update that produced them, so replay needs no clock and no query engine,
 * and replaying a record twice is harmless (snapshots rely on that, see embeddedDatabase.ts).
 *
 *   [u8 kind][u16 LE collection-name length][collection name, UTF-8][BSON body]
 *
 * kind 1 put (body: the document), 2 delete (body: { _id }), 3 index (body: the index definition),
 * 4 patch (body: { _id, set: { field: value }, unset: [field] }: top-level fields of an existing
 * document, with their whole new values, so a patch is as idempotent as a put; a document updated
 * in a few fields costs a record of those fields, not of the whole document).
 */
import { Buffer } from "node:buffer";

export const RECORD_KINDS = { put: 1, delete: 2, index: 3, patch: 4 } as const;
export type RecordKind = keyof typeof RECORD_KINDS;

export interface JournalRecord {
  readonly kind: RecordKind;
  readonly collection: string;
  readonly body: Uint8Array;
}

export function encodeRecord(kind: RecordKind, collection: string, body: Uint8Array): Buffer {
  const name = Buffer.from(collection, "utf8");
  const out = Buffer.allocUnsafe(recordHeaderLength(name) + body.length);
  writeRecordHeader(out, 0, kind, name);
  out.set(body, recordHeaderLength(name));
  return out;
}

/** Bytes before the body: the kind, the name's length and the collection name (UTF-8). */
export function recordHeaderLength(name: Uint8Array): number {
  return 3 + name.length;
}

/** Writes a record's kind and collection name at `at`; the body follows at `at + recordHeaderLength(name)`. */
export function writeRecordHeader(out: Buffer, at: number, kind: RecordKind, name: Buffer): void {
  out.writeUInt8(RECORD_KINDS[kind], at);
  out.writeUInt16LE(name.length, at + 1);
  name.copy(out, at + 3);
}

function kindOf(code: number): RecordKind | undefined {
  if (code === RECORD_KINDS.put) return "put";
  if (code === RECORD_KINDS.delete) return "delete";
  if (code === RECORD_KINDS.index) return "index";
  if (code === RECORD_KINDS.patch) return "patch";
  return undefined;
}

/** Returns undefined for a record this version cannot read (a checksummed record, so: a newer format). */
export function decodeRecord(payload: Buffer): JournalRecord | undefined {
  if (payload.length < 3) return undefined;
  const kind = kindOf(payload.readUInt8(0));
  const nameLength = payload.readUInt16LE(1);
  if (kind === undefined || payload.length < 3 + nameLength) return undefined;
  const collection = payload.toString("utf8", 3, 3 + nameLength);
  return { kind, collection, body: payload.subarray(3 + nameLength) };
}
