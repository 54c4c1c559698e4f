/**
 * The embedded backend: a DocDatabase held in memory and made durable in `dataDir` by an
 * append-only journal (group commit) plus periodic snapshots, recovered on open, guarded by a lock
 * file so that only one process uses a directory.
 *
 * Snapshots: when the journal passes `snapshotAfterBytes`, and on close. The state is captured and
 * later writes are switched to a new journal generation in the same synchronous step; the snapshot
 * is written in the background, renamed into place, and only then are older generations deleted.
 * Records queued just before the switch can land in the new generation too; replaying them over a
 * snapshot that already holds them is harmless because records are whole documents and deletions.
 *
 * Memory: only a bounded working set of documents is kept in memory (`cacheBytes`, docCache.ts);
 * the others are read back from the snapshot file or from a cold file (never needed for recovery)
 * when a query needs them. A snapshot also compacts the cold files, so one is started when they
 * grow past twice `snapshotAfterBytes` too.
 */
import { statSync } from "node:fs";
import { mkdir, open, readdir, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Clock } from "../../ports/clock.js";
import type { DocCollection, DocDatabase, StoredDoc } from "../../ports/docCollection.js";
import { EmbeddedCollection, type CollectionHost } from "./embeddedCollection.js";
import { DEFAULT_CACHE_BYTES, DocCache, type CacheStats } from "./docCache.js";
import { StoreClosedError, StoreFailedError } from "./embeddedErrors.js";
import { errorCode } from "../../domain/errorCode.js";
import { fsyncDirectory } from "./fsyncDirectory.js";
import { Journal } from "./journal.js";
import { acquireLock } from "./lockFile.js";
import { MemoryCollection } from "./memoryCollection.js";
import { journalFileName, recover } from "./recovery.js";
import { snapshotRecords } from "./snapshotRecords.js";
import { Segment } from "./segment.js";
import { SNAPSHOT_FILE, writeSnapshot } from "./snapshotFile.js";
import { sweepExpired } from "./sweepExpired.js";

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  /** Journal size that triggers a snapshot. Default 64 MiB. */
  readonly snapshotAfterBytes?: number;
  /**
   * Bytes of documents (counted as BSON) kept in memory; the rest are read from disk when needed.
   * Default 8 MiB (DEFAULT_CACHE_BYTES); 0 keeps none.
   */
  readonly cacheBytes?: number;
  /** How often expired documents are deleted (the server's TTL monitor runs every 60 s). 0 disables. */
  readonly ttlSweepIntervalMs?: number;
  /** Reports recoveries and background problems (codes and counts only). */
  readonly onEvent?: (event: string, context: Readonly<Record<string, number | string>>) => void;
}

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class EmbeddedDatabase implements DocDatabase, CollectionHost {
  /** The folder's lock file keeps every other process out (lockFile.ts). */
  readonly exclusive = true;
  private readonly collections: Map<string, MemoryCollection>;
  private readonly wrappers = new Map<string, EmbeddedCollection>();
  private generation: number;
  private snapshotting: Promise<void> | undefined;
  private failure: StoreFailedError | undefined;
  private closed = false;
  private readonly timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly options: EmbeddedOptions,
    private readonly journal: Journal,
    private readonly releaseLock: () => Promise<void>,
    private readonly cache: DocCache,
    collections: Map<string, MemoryCollection>,
    generation: number,
  ) {
    this.collections = collections;
    this.generation = generation;
    journal.onFailure = (cause) => {
      if (this.failure) return this.failure;
      this.failure = new StoreFailedError(options.dataDir, cause);
      // Once: the host stops taking messages and reopens the store from disk (see cli/start.ts).
      this.report("store_failed", cause);
      return this.failure;
    };
    const interval = options.ttlSweepIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => void this.sweepExpired().catch((error: unknown) => this.report("ttl_sweep_failed", error)), interval);
      this.timer.unref();
    }
  }

  static async open(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    const releaseLock = await acquireLock(dataDir);
    const budget = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
    if (!(budget >= 0)) throw new RangeError("cacheBytes must be 0 or more");
    const cache = new DocCache(budget, (n) => join(dataDir, `cold-${n}.tmp`));
    try {
      await unlink(join(dataDir, "snapshot.tmp")).catch(() => undefined);
      // Cold files are unlinked when created; one is left only where the system cannot do that.
      for (const file of await readdir(dataDir)) if (/^cold-\d+\.tmp$/.test(file)) await unlink(join(dataDir, file)).catch(() => undefined);
      const recovered = await recover(dataDir, cache);
      if (recovered.droppedBytes > 0) options.onEvent?.("journal_torn_tail_dropped", { bytes: recovered.droppedBytes });
      const journal = await Journal.open(join(dataDir, journalFileName(recovered.generation)), recovered.journalSize);
      await fsyncDirectory(dataDir);
      return new EmbeddedDatabase({ ...options, dataDir }, journal, releaseLock, cache, recovered.collections, recovered.generation);
    } catch (error) {
      cache.close();
      await releaseLock();
      throw error;
    }
  }

  collection(name: string): DocCollection<StoredDoc> {
    let wrapper = this.wrappers.get(name);
    if (wrapper) return wrapper;
    if (!COLLECTION_NAME.test(name)) throw new RangeError(`invalid collection name ${JSON.stringify(name)}`);
    let memory = this.collections.get(name);
    if (!memory) {
      memory = new MemoryCollection(name, this.cache);
      this.collections.set(name, memory);
    }
    wrapper = new EmbeddedCollection(memory, this);
    this.wrappers.set(name, wrapper);
    return wrapper;
  }

  assertUsable(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new StoreClosedError(this.options.dataDir);
  }

  commit(frames: Uint8Array[]): Promise<void> {
    const done = this.journal.append(frames);
    const threshold = this.options.snapshotAfterBytes ?? 64 * 1024 * 1024;
    if (!this.snapshotting && (this.journal.size >= threshold || this.cache.coldFileBytes >= 2 * threshold)) void this.snapshot().catch(() => undefined);
    return done;
  }

  /** What is in memory and on disk (for tests, benchmarks and diagnostics: counts and sizes only). */
  cacheStats(): CacheStats {
    return this.cache.stats();
  }

  barrier(): Promise<void> {
    return this.journal.barrier();
  }

  /** Deletes documents past their TTL; returns how many. Runs on a timer, and on demand in tests. */
  async sweepExpired(): Promise<number> {
    this.assertUsable();
    let deleted = 0;
    for (const memory of this.collections.values()) {
      deleted += await sweepExpired(memory, this.options.clock.now(), this);
    }
    return deleted;
  }

  /** Writes a snapshot and drops the journal generations it covers. */
  snapshot(): Promise<void> {
    this.assertUsable();
    this.snapshotting ??= this.writeSnapshot()
      .catch((error: unknown) => {
        this.report("snapshot_failed", error);
        throw error;
      })
      .finally(() => {
        this.snapshotting = undefined;
      });
    return this.snapshotting;
  }

  /** Settles when no background snapshot is running (for tests and orderly shutdown). */
  async snapshotSettled(): Promise<void> {
    await this.snapshotting?.catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    await this.snapshotting?.catch(() => undefined);
    // A clean shutdown leaves a snapshot and an empty journal, so the next start is quick.
    if (!this.failure && this.journal.size > 0) await this.snapshot().catch(() => undefined);
    this.closed = true;
    await this.journal.close().catch(() => undefined);
    this.cache.close();
    await this.releaseLock();
  }

  private async writeSnapshot(): Promise<void> {
    const dataDir = this.options.dataDir;
    const covered = this.generation;
    const next = await open(join(dataDir, journalFileName(covered + 1)), "a");
    // From here to the switch nothing awaits: the captured state and the journal switch agree.
    const records = snapshotRecords(this.collections, this.cache);
    const capture = this.cache.beginSnapshot();
    const previousClosed = this.journal.switchTo(next);
    this.generation = covered + 1;
    await fsyncDirectory(dataDir);
    const placed = await writeSnapshot(dataDir, { generation: covered, records });
    // Captured documents are now read from the new snapshot; older files are no longer needed.
    const path = join(dataDir, SNAPSHOT_FILE);
    this.cache.completeSnapshot(capture, Segment.openForReading(path, statSync(path).size), placed);
    await previousClosed;
    for (let generation = covered; generation > 0; generation--) {
      const removed = await unlink(join(dataDir, journalFileName(generation))).then(() => true, () => false);
      if (!removed) break;
    }
    await fsyncDirectory(dataDir);
  }

  private report(event: string, error: unknown): void {
    const code = errorCode(error) ?? "unknown";
    this.options.onEvent?.(event, { code });
  }
}
