/**
 * Captures the records a snapshot needs, synchronously. Entries' bytes are immutable (a write
 * replaces the entry), so holding references is enough: later writes cannot change what is captured.
 */
import { serialize } from "bson";
import type { MemoryCollection } from "./memoryCollection.js";

export interface SnapshotRecord {
  kind: "index" | "put";
  collection: string;
  body: Uint8Array;
}

export function snapshotRecords(collections: ReadonlyMap<string, MemoryCollection>): SnapshotRecord[] {
  const records: SnapshotRecord[] = [];
  for (const memory of collections.values()) {
    for (const definition of memory.indexDefinitions()) {
      records.push({ kind: "index", collection: memory.name, body: serialize(definition) });
    }
    for (const entry of memory.entries()) records.push({ kind: "put", collection: memory.name, body: entry.bytes });
  }
  return records;
}
