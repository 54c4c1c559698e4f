/**
 * Snapshot files: the whole store at one moment, so that recovery does not replay the journal from
 * the beginning of time. Written to `snapshot.tmp`, fsynced, renamed over `snapshot.bson` and the
 * directory fsynced: a crash leaves either the old snapshot or the new one, never a mix.
 *
 * Layout: framed records (journalFrame.ts): a header `{ format, version, generation }`, then one
 * index record per index and one put record per document (journalRecord.ts), then a trailer
 * `{ end: true, records }`. `generation` is the last journal generation the snapshot includes.
 */
import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "bson";
import { z } from "zod";
import { CorruptSnapshotError } from "./embeddedErrors.js";
import { errorCode } from "./errorCode.js";
import { fsyncDirectory } from "./fsyncDirectory.js";
import { encodeFrame, scanFrames } from "./journalFrame.js";
import { decodeRecord, encodeRecord, type JournalRecord } from "./journalRecord.js";

export const SNAPSHOT_FILE = "snapshot.bson";
const TEMP_FILE = "snapshot.tmp";
const FORMAT = "kinlink-embedded-snapshot";
const WRITE_CHUNK_BYTES = 1024 * 1024;

const HeaderSchema = z.object({ format: z.literal(FORMAT), version: z.literal(1), generation: z.number().int() });
const TrailerSchema = z.object({ end: z.literal(true), records: z.number().int() });

export interface SnapshotContent {
  readonly generation: number;
  /** Index and put records, as the journal would hold them. */
  readonly records: Iterable<{ kind: "index" | "put"; collection: string; body: Uint8Array }>;
}

export async function writeSnapshot(dataDir: string, content: SnapshotContent): Promise<void> {
  const tempPath = join(dataDir, TEMP_FILE);
  const handle = await open(tempPath, "w");
  try {
    let chunk: Buffer[] = [encodeFrame(serialize({ format: FORMAT, version: 1, generation: content.generation }))];
    let chunkBytes = 0;
    let count = 0;
    for (const record of content.records) {
      const frame = encodeFrame(encodeRecord(record.kind, record.collection, record.body));
      chunk.push(frame);
      chunkBytes += frame.length;
      count++;
      if (chunkBytes >= WRITE_CHUNK_BYTES) {
        await handle.write(Buffer.concat(chunk));
        chunk = [];
        chunkBytes = 0;
      }
    }
    chunk.push(encodeFrame(serialize({ end: true, records: count })));
    await handle.write(Buffer.concat(chunk));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, join(dataDir, SNAPSHOT_FILE));
  await fsyncDirectory(dataDir);
}

export interface LoadedSnapshot {
  readonly generation: number;
  readonly records: JournalRecord[];
}

/** Reads `snapshot.bson`; returns undefined if there is none yet. */
export async function readSnapshot(dataDir: string): Promise<LoadedSnapshot | undefined> {
  const path = join(dataDir, SNAPSHOT_FILE);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  const scan = scanFrames(data);
  if (scan.torn) throw new CorruptSnapshotError(path, "checksum");
  const [first, ...rest] = scan.payloads;
  const last = rest.pop();
  const header = first ? HeaderSchema.safeParse(deserialize(first)) : undefined;
  const trailer = last ? TrailerSchema.safeParse(deserialize(last)) : undefined;
  if (!header?.success) throw new CorruptSnapshotError(path, "header");
  if (!trailer?.success || trailer.data.records !== rest.length) throw new CorruptSnapshotError(path, "trailer");
  const records: JournalRecord[] = [];
  for (const payload of rest) {
    const record = decodeRecord(payload);
    if (!record) throw new CorruptSnapshotError(path, "record");
    records.push(record);
  }
  return { generation: header.data.generation, records };
}
