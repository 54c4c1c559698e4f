/**
 * Captures what a snapshot needs, synchronously: the index definitions and every entry. An entry
 * is one version of a document and keeps that content (in memory, or where it is on disk; a
 * superseded entry keeps what it had, see docCache.ts), so the captured entries keep the captured
 * state while later writes go on; each is read or serialised only when the snapshot writer reaches
 * it, so a snapshot never holds a second copy of the whole store in memory.
 */
import { serialize } from "bson";
import { SequentialReader, type DocCache } from "./docCache.js";
import type { Entry } from "./entry.js";
import type { MemoryCollection } from "./memoryCollection.js";
import type { SnapshotRecord } from "./snapshotFile.js";

interface Captured {
  readonly collection: string;
  readonly indexes: readonly object[];
  readonly entries: readonly Entry[];
}

export function snapshotRecords(collections: ReadonlyMap<string, MemoryCollection>, cache: DocCache): Iterable<SnapshotRecord> {
  const captured: Captured[] = [...collections.values()].map((memory) => ({
    collection: memory.name,
    indexes: memory.indexDefinitions(),
    entries: Array.from(memory.entries()),
  }));
  return serialized(captured, cache);
}

function* serialized(captured: readonly Captured[], cache: DocCache): Generator<SnapshotRecord> {
  const reader = new SequentialReader();
  for (const { collection, indexes, entries } of captured) {
    for (const definition of indexes) yield { kind: "index", collection, body: serialize(definition) };
    for (const entry of entries) yield { kind: "put", collection, body: cache.bsonOf(entry, reader), entry };
  }
}
