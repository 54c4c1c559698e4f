/**
 * Rebuilds the in-memory collections on open: the snapshot first, then every newer journal
 * generation in order, both read a chunk at a time; documents go cold as they load once the cache
 * budget is reached (docCache.ts), so opening a large data folder stays within it. A torn or damaged tail (a crash mid-write) ends the replay: the file is
 * truncated to its last complete record and any later generation is removed, since nothing after
 * an incomplete write can have been acknowledged (flushes are sequential, see journal.ts).
 */
import { statSync } from "node:fs";
import { readdir, truncate, unlink } from "node:fs/promises";
import { join } from "node:path";
import { deserialize } from "bson";
import { fsyncDirectory } from "./fsyncDirectory.js";
import { IndexDefinitionSchema, sameIndex } from "./indexDefinition.js";
import type { DocCache } from "./docCache.js";
import { FrameStream } from "./frameStream.js";
import { decodeRecord, type JournalRecord } from "./journalRecord.js";
import { MemoryCollection, type Placement } from "./memoryCollection.js";
import { applyPatch } from "./patchRecord.js";
import { Segment } from "./segment.js";
import { loadSnapshot } from "./snapshotFile.js";
import { idKeyOf } from "./valueKey.js";

export function journalFileName(generation: number): string {
  return `journal-${String(generation).padStart(10, "0")}.log`;
}

function generationOf(file: string): number | undefined {
  const match = /^journal-(\d+)\.log$/.exec(file);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 10);
}

export interface Recovered {
  readonly collections: Map<string, MemoryCollection>;
  /** The generation new records go to, and its current valid length. */
  readonly generation: number;
  readonly journalSize: number;
  /** Bytes dropped from a torn tail (0 after a clean shutdown). */
  readonly droppedBytes: number;
}

/** Applies one record; `placement` says where a put's body is in the snapshot (cold documents are read there). */
export function applyRecord(collections: Map<string, MemoryCollection>, cache: DocCache, record: JournalRecord, placement?: Placement): void {
  let collection = collections.get(record.collection);
  if (!collection) {
    collection = new MemoryCollection(record.collection, cache);
    collections.set(record.collection, collection);
  }
  // A copy: bson's Binary values are views of the buffer they were read from, a chunk of the file.
  const body: Record<string, unknown> = deserialize(Buffer.from(record.body));
  if (record.kind === "put") {
    collection.put({ idKey: idKeyOf(body["_id"]), doc: body }, record.body.length, placement);
  } else if (record.kind === "patch") {
    const idKey = idKeyOf(body["_id"]);
    const current = collection.get(idKey);
    // No document: it was deleted later (the delete follows); replaying over a snapshot can meet that.
    if (current) collection.put({ idKey, doc: applyPatch(collection.docOf(current), body) }, Math.max(current.length, record.body.length));
  } else if (record.kind === "delete") {
    collection.delete(idKeyOf(body["_id"]));
  } else {
    const definition = IndexDefinitionSchema.parse(body);
    const existing = collection.index(definition.name);
    if (!existing || !sameIndex(existing.definition, definition)) collection.addIndex(definition, false);
  }
}

/** Replays one journal file a chunk at a time (documents beyond the cache budget go cold as they load). */
async function replayJournal(path: string, collections: Map<string, MemoryCollection>, cache: DocCache): Promise<{ size: number; dropped: number }> {
  const size = statSync(path).size;
  const file = Segment.openForReading(path, size);
  let stream: FrameStream;
  try {
    stream = new FrameStream(file, size);
    for (const frame of stream.frames()) {
      const record = decodeRecord(frame.payload);
      // A checksummed record we cannot read was written by a newer version: stop rather than guess.
      if (!record) throw new Error(`${path}: unknown journal record kind; was this data written by a newer kinlink?`);
      applyRecord(collections, cache, record);
    }
  } finally {
    file.close();
  }
  if (stream.torn) await truncate(path, stream.validLength);
  return { size: stream.validLength, dropped: size - stream.validLength };
}

export async function recover(dataDir: string, cache: DocCache): Promise<Recovered> {
  const collections = new Map<string, MemoryCollection>();
  // Puts of the snapshot are read in place: a cold document is read back from the snapshot file.
  const snapshot = loadSnapshot(dataDir, (record, offset, file) => {
    applyRecord(collections, cache, record, record.kind === "put" ? { segment: file, offset, length: record.body.length } : undefined);
  });
  if (snapshot) cache.addSegment(snapshot.file);
  const base = snapshot?.generation ?? 0;

  const generations = (await readdir(dataDir))
    .map(generationOf)
    .filter((generation): generation is number => generation !== undefined)
    .sort((a, b) => a - b);
  // Generations the snapshot already holds are left over from a crash between rename and cleanup.
  for (const old of generations.filter((generation) => generation <= base)) await unlink(join(dataDir, journalFileName(old)));

  let generation = base + 1;
  let journalSize = 0;
  let droppedBytes = 0;
  const newer = generations.filter((g) => g > base);
  for (const [position, current] of newer.entries()) {
    generation = current;
    const result = await replayJournal(join(dataDir, journalFileName(current)), collections, cache);
    journalSize = result.size;
    if (result.dropped > 0) {
      droppedBytes = result.dropped;
      for (const later of newer.slice(position + 1)) await unlink(join(dataDir, journalFileName(later)));
      break;
    }
  }
  await fsyncDirectory(dataDir);
  return { collections, generation, journalSize, droppedBytes };
}
