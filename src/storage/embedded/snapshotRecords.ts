/**
 * Captures what a snapshot needs, synchronously: the index definitions and a reference to every
 * document. Documents in memory are never mutated (a write replaces the entry), so the references
 * keep the captured state while later writes go on; each is serialised only when the snapshot
 * writer reaches it, so a snapshot never holds a second copy of the whole store in memory.
 */
import { serialize } from "bson";
import type { MemoryCollection } from "./memoryCollection.js";

export interface SnapshotRecord {
  kind: "index" | "put";
  collection: string;
  body: Uint8Array;
}

interface Captured {
  readonly collection: string;
  readonly indexes: readonly object[];
  readonly docs: readonly object[];
}

export function snapshotRecords(collections: ReadonlyMap<string, MemoryCollection>): Iterable<SnapshotRecord> {
  const captured: Captured[] = [...collections.values()].map((memory) => ({
    collection: memory.name,
    indexes: memory.indexDefinitions(),
    docs: Array.from(memory.entries(), (entry) => entry.doc),
  }));
  return serialized(captured);
}

function* serialized(captured: readonly Captured[]): Generator<SnapshotRecord> {
  for (const { collection, indexes, docs } of captured) {
    for (const definition of indexes) yield { kind: "index", collection, body: serialize(definition) };
    for (const doc of docs) yield { kind: "put", collection, body: serialize(doc) };
  }
}
