/**
 * A document's journal record, framed, built in one buffer: `encodeFrame(encodeRecord(kind,
 * collection, serialize(doc)))` byte for byte, without the three intermediate buffers and copies
 * that composition makes. Every write of the embedded store pays for this, so it matters: fewer
 * short-lived buffers is less copying and fewer young-generation collections under load.
 */
import { Buffer } from "node:buffer";
import { serialize, serializeWithBufferAndIndex } from "bson";
import { encodeFrame, FRAME_HEADER_BYTES, writeFrameHeader } from "./journalFrame.js";
import { encodeRecord, recordHeaderLength, writeRecordHeader, type RecordKind } from "./journalRecord.js";

/** Documents up to about this size are built in the scratch buffer; larger ones take the composed path. */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;
const names = new Map<string, Buffer>();

export interface RecordFrame {
  readonly frame: Buffer;
  /** The BSON size of the document. */
  readonly bodyBytes: number;
}

export function recordFrame(kind: RecordKind, collection: string, doc: Readonly<Record<string, unknown>>): RecordFrame {
  const name = nameBytes(collection);
  const bodyStart = FRAME_HEADER_BYTES + recordHeaderLength(name);
  const buffer = (scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES));
  let end: number;
  try {
    end = serializeWithBufferAndIndex(doc, buffer, { index: bodyStart }) + 1;
  } catch (error) {
    // Larger than the scratch buffer (the copy into it is out of range): build it the long way.
    // (By name: a RangeError from another realm, as under test runners, is one too.)
    if (!isRangeError(error)) throw error;
    const body = serialize(doc);
    return { frame: encodeFrame(encodeRecord(kind, collection, body)), bodyBytes: body.length };
  }
  writeRecordHeader(buffer, FRAME_HEADER_BYTES, kind, name);
  writeFrameHeader(buffer, end);
  const frame = Buffer.allocUnsafe(end);
  buffer.copy(frame, 0, 0, end);
  return { frame, bodyBytes: end - bodyStart };
}

function isRangeError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { readonly name?: unknown }).name === "RangeError";
}

function nameBytes(collection: string): Buffer {
  let name = names.get(collection);
  if (!name) {
    name = Buffer.from(collection, "utf8");
    names.set(collection, name);
  }
  return name;
}
