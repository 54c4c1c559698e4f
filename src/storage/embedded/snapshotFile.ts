/**
 * Snapshot files: the whole store at one moment, so that recovery does not replay the journal from
 * the beginning of time. Written to `snapshot.tmp`, fsynced, renamed over `snapshot.bson` and the
 * directory fsynced: a crash leaves either the old snapshot or the new one, never a mix.
 *
 * Layout: framed records (journalFrame.ts): a header `{ format, version, generation }`, then one
 * index record per index and one put record per document (journalRecord.ts), then a trailer
 * `{ end: true, records }`. `generation` is the last journal generation the snapshot includes.
 *
 * A put record's body is the document's plain BSON, so the file also serves as the place cold
 * documents are read from (docCache.ts): the writer reports each document's offset, and loading
 * streams the file and reports them too.
 */
import { statSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "bson";
import { z } from "zod";
import { CorruptSnapshotError } from "./embeddedErrors.js";
import { errorCode } from "../../domain/errorCode.js";
import { fsyncDirectory } from "./fsyncDirectory.js";
import type { Placements } from "./docCache.js";
import type { Entry } from "./entry.js";
import { FrameStream, type StreamedFrame } from "./frameStream.js";
import { encodeFrame } from "./journalFrame.js";
import { decodeRecord, encodeRecord, type JournalRecord } from "./journalRecord.js";
import { Segment } from "./segment.js";
import { writeAll } from "./writeAll.js";

export const SNAPSHOT_FILE = "snapshot.bson";
const TEMP_FILE = "snapshot.tmp";
const FORMAT = "kinlink-embedded-snapshot";
const WRITE_CHUNK_BYTES = 1024 * 1024;

const HeaderSchema = z.object({ format: z.literal(FORMAT), version: z.literal(1), generation: z.number().int() });
const TrailerSchema = z.object({ end: z.literal(true), records: z.number().int() });

export interface SnapshotContent {
  readonly generation: number;
  /** Index and put records, as the journal would hold them; a put names the entry it captured. */
  readonly records: Iterable<SnapshotRecord>;
}

export interface SnapshotRecord {
  readonly kind: "index" | "put";
  readonly collection: string;
  readonly body: Uint8Array;
  readonly entry?: Entry | undefined;
}

/** Writes the snapshot; returns where each captured entry's BSON is in it (docCache.ts reads cold documents there). */
export async function writeSnapshot(dataDir: string, content: SnapshotContent): Promise<Placements> {
  const tempPath = join(dataDir, TEMP_FILE);
  const handle = await open(tempPath, "w");
  const placed: Placements = { entries: [], offsets: [], lengths: [] };
  try {
    let chunk: Buffer[] = [encodeFrame(serialize({ format: FORMAT, version: 1, generation: content.generation }))];
    let chunkBytes = chunk[0]?.length ?? 0;
    let written = 0;
    let count = 0;
    for (const record of content.records) {
      const frame = encodeFrame(encodeRecord(record.kind, record.collection, record.body));
      if (record.entry) {
        placed.entries.push(record.entry);
        placed.offsets.push(written + chunkBytes + frame.length - record.body.length);
        placed.lengths.push(record.body.length);
      }
      chunk.push(frame);
      chunkBytes += frame.length;
      count++;
      if (chunkBytes >= WRITE_CHUNK_BYTES) {
        await writeAll(handle, Buffer.concat(chunk));
        written += chunkBytes;
        chunk = [];
        chunkBytes = 0;
      }
    }
    chunk.push(encodeFrame(serialize({ end: true, records: count })));
    await writeAll(handle, Buffer.concat(chunk));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, join(dataDir, SNAPSHOT_FILE));
  await fsyncDirectory(dataDir);
  return placed;
}

export interface LoadedSnapshot {
  readonly generation: number;
  /** The snapshot file, kept open: cold documents are read from it. */
  readonly file: Segment;
}

/**
 * Reads `snapshot.bson` record by record (a chunk of the file in memory at a time), handing each
 * index and put record to `visit` with where its body is in the file; returns undefined if there
 * is no snapshot yet. A damaged snapshot throws (whatever was visited is to be discarded).
 */
export function loadSnapshot(dataDir: string, visit: (record: JournalRecord, bodyOffset: number, file: Segment) => void): LoadedSnapshot | undefined {
  const path = join(dataDir, SNAPSHOT_FILE);
  let file: Segment;
  let size: number;
  try {
    size = statSync(path).size;
    file = Segment.openForReading(path, size);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    const stream = new FrameStream(file, size);
    let header: z.infer<typeof HeaderSchema> | undefined;
    /** The last frame seen: a record, unless it turns out to be the trailer. */
    let pending: StreamedFrame | undefined;
    let records = 0;
    for (const frame of stream.frames()) {
      if (!header) {
        const parsed = HeaderSchema.safeParse(deserialize(frame.payload));
        if (!parsed.success) throw new CorruptSnapshotError(path, "header");
        header = parsed.data;
        continue;
      }
      if (pending) {
        const record = decodeRecord(pending.payload);
        if (!record) throw new CorruptSnapshotError(path, "record");
        visit(record, pending.offset + pending.payload.length - record.body.length, file);
        records++;
      }
      pending = { payload: frame.payload, offset: frame.offset };
    }
    if (stream.torn) throw new CorruptSnapshotError(path, "checksum");
    if (!header) throw new CorruptSnapshotError(path, "header");
    const trailer = pending ? TrailerSchema.safeParse(deserialize(pending.payload)) : undefined;
    if (!trailer?.success || trailer.data.records !== records) throw new CorruptSnapshotError(path, "trailer");
    return { generation: header.generation, file };
  } catch (error) {
    file.close();
    throw error;
  }
}
