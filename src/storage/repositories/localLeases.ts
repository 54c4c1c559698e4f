/**
 * Leases held in this process's memory, with the rules of a stored lease: free when nobody holds
 * it, when it has lapsed, or when it is already the asker's (re-entrant, and renewing extends it);
 * released only by its owner. One table per database (`localLeasesOf`), so that every repository
 * opened on it, as two app instances in one test process would, sees the same leases.
 */
import type { DocDatabase } from "../../ports/docCollection.js";

const tables = new WeakMap<DocDatabase, LocalLeases>();

export function localLeasesOf(db: DocDatabase): LocalLeases {
  let table = tables.get(db);
  if (!table) {
    table = new LocalLeases();
    tables.set(db, table);
  }
  return table;
}

export class LocalLeases {
  private readonly held = new Map<string, { owner: string; until: number }>();

  acquire(id: string, owner: string, until: number, now: number): boolean {
    const lease = this.held.get(id);
    if (lease && lease.owner !== owner && lease.until > now) return false;
    this.held.set(id, { owner, until });
    return true;
  }

  release(id: string, owner: string): void {
    if (this.held.get(id)?.owner === owner) this.held.delete(id);
  }
}
