/**
 * Rebuilds the in-memory collections on open: the snapshot first, then every newer journal
 * generation in order. A torn or damaged tail (a crash mid-write) ends the replay: the file is
 * truncated to its last complete record and any later generation is removed, since nothing after
 * an incomplete write can have been acknowledged (flushes are sequential, see journal.ts).
 */
import { readdir, readFile, truncate, unlink } from "node:fs/promises";
import { join } from "node:path";
import { deserialize } from "bson";
import { fsyncDirectory } from "./fsyncDirectory.js";
import { IndexDefinitionSchema, sameIndex } from "./indexDefinition.js";
import { scanFrames } from "./journalFrame.js";
import { decodeRecord, type JournalRecord } from "./journalRecord.js";
import { MemoryCollection } from "./memoryCollection.js";
import { applyPatch } from "./patchRecord.js";
import { readSnapshot } from "./snapshotFile.js";
import { valueKey } from "./valueKey.js";

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

export function applyRecord(collections: Map<string, MemoryCollection>, record: JournalRecord): void {
  let collection = collections.get(record.collection);
  if (!collection) {
    collection = new MemoryCollection(record.collection);
    collections.set(record.collection, collection);
  }
  const body: Record<string, unknown> = deserialize(record.body);
  if (record.kind === "put") {
    collection.put({ idKey: valueKey(body["_id"]), doc: body });
  } else if (record.kind === "patch") {
    const idKey = valueKey(body["_id"]);
    const current = collection.get(idKey);
    // No document: it was deleted later (the delete follows); replaying over a snapshot can meet that.
    if (current) collection.put({ idKey, doc: applyPatch(current.doc, body) });
  } else if (record.kind === "delete") {
    collection.delete(valueKey(body["_id"]));
  } else {
    const definition = IndexDefinitionSchema.parse(body);
    const existing = collection.index(definition.name);
    if (!existing || !sameIndex(existing.definition, definition)) collection.addIndex(definition, false);
  }
}

async function replayJournal(path: string, collections: Map<string, MemoryCollection>): Promise<{ size: number; dropped: number }> {
  const data = await readFile(path);
  const scan = scanFrames(data);
  for (const payload of scan.payloads) {
    const record = decodeRecord(payload);
    // A checksummed record we cannot read was written by a newer version: stop rather than guess.
    if (!record) throw new Error(`${path}: unknown journal record kind; was this data written by a newer kinlink?`);
    applyRecord(collections, record);
  }
  if (scan.torn) await truncate(path, scan.validLength);
  return { size: scan.validLength, dropped: data.length - scan.validLength };
}

export async function recover(dataDir: string): Promise<Recovered> {
  const collections = new Map<string, MemoryCollection>();
  const snapshot = await readSnapshot(dataDir);
  const base = snapshot?.generation ?? 0;
  for (const record of snapshot?.records ?? []) applyRecord(collections, record);

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
    const result = await replayJournal(join(dataDir, journalFileName(current)), collections);
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
