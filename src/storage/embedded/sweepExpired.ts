/**
 * The TTL monitor: deletes documents whose TTL-indexed field holds a Date (or an array of Dates,
 * the earliest counting) older than `expireAfterSeconds`, as the server does. Documents without a
 * Date there never expire.
 */
import type { CollectionHost } from "./embeddedCollection.js";
import type { MemoryCollection } from "./memoryCollection.js";
import { recordFrame } from "./recordFrame.js";

function expiryBase(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (!Array.isArray(value)) return undefined;
  const times = value.filter((item): item is Date => item instanceof Date).map((date) => date.getTime());
  return times.length > 0 ? Math.min(...times) : undefined;
}

export async function sweepExpired(memory: MemoryCollection, now: Date, host: CollectionHost): Promise<number> {
  const ttl = memory.indexDefinitions().filter((definition) => definition.expireAfterSeconds !== undefined);
  const frames: Uint8Array[] = [];
  for (const definition of ttl) {
    const field = Object.keys(definition.keys)[0];
    const seconds = definition.expireAfterSeconds;
    if (field === undefined || seconds === undefined) continue;
    for (const entry of [...memory.entries()]) {
      // The TTL field is indexed: its value is in the entry, a cold document is not read.
      const base = expiryBase(memory.keyValue(entry, field));
      if (base === undefined || base + seconds * 1000 > now.getTime()) continue;
      const id = memory.idOf(entry);
      memory.delete(entry.idKey);
      frames.push(recordFrame("delete", memory.name, { _id: id }).frame);
    }
  }
  if (frames.length > 0) await host.commit(frames);
  return frames.length;
}
