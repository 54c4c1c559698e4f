/**
 * The append-only journal with group commit. Writers hand over framed records synchronously (so the
 * file order is the order in which changes were applied in memory) and get a promise that settles
 * once the records are on disk. One flush at a time writes everything queued since the last one
 * and issues a single fdatasync, then settles all of its writers together: under load, hundreds of
 * writes share one fsync instead of paying for one each.
 *
 * If a write or sync fails, the journal is poisoned: the memory may be ahead of the disk, so every
 * later call fails too, until a restart recovers the last durable state (what databases do after
 * an fsync error; retrying the fsync can silently lose data).
 */
import { open, type FileHandle } from "node:fs/promises";
import { writeAll } from "./writeAll.js";

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class Journal {
  private handle: FileHandle;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private waiters: Waiter[] = [];
  /** The writers of the batch being written now; a barrier with nothing pending waits for this batch only. */
  private inFlight: Waiter[] | undefined;
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  private bytesOnDisk: number;
  private flushCount = 0;
  /** Called once with the cause when a write or sync fails. */
  onFailure: (cause: unknown) => unknown = (cause) => cause;

  private constructor(handle: FileHandle, size: number) {
    this.handle = handle;
    this.bytesOnDisk = size;
  }

  /** Opens (creating if needed) a journal file for appending; `size` is its current valid length. */
  static async open(path: string, size: number): Promise<Journal> {
    return new Journal(await open(path, "a"), size);
  }

  /** Bytes written to the current file, including those not yet synced. */
  get size(): number {
    return this.bytesOnDisk + this.pendingBytes;
  }

  /** How many write+fsync rounds ran: with group commit, far fewer than the writes under load. */
  get flushes(): number {
    return this.flushCount;
  }

  append(frames: readonly Uint8Array[]): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    for (const frame of frames) {
      this.pending.push(frame);
      this.pendingBytes += frame.length;
    }
    return this.waitForFlush();
  }

  /**
   * Settles when everything appended so far is durable. With nothing pending but a batch being
   * written, that batch is the last one to wait for (not the next, which would cost a reader a
   * second write+fsync under load).
   */
  barrier(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.pending.length === 0) {
      if (this.flushing === undefined) return Promise.resolve();
      const inFlight = this.inFlight;
      if (inFlight) return new Promise<void>((resolve, reject) => inFlight.push({ resolve, reject }));
    }
    return this.waitForFlush();
  }

  /**
   * Directs later flushes to another file (a new generation, for snapshots) and closes this one
   * once the flush in progress has finished with it. Synchronous on purpose: the caller captures
   * the memory state in the same tick.
   */
  switchTo(handle: FileHandle): Promise<void> {
    const previous = this.handle;
    const inFlight = this.flushing ?? Promise.resolve();
    this.handle = handle;
    this.bytesOnDisk = 0;
    return inFlight.catch(() => undefined).then(() => previous.close());
  }

  async close(): Promise<void> {
    await this.barrier().catch(() => undefined);
    await this.handle.close();
  }

  private waitForFlush(): Promise<void> {
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flushLoop();
    return promise;
  }

  private async flushLoop(): Promise<void> {
    // Let writes issued in the same turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiters.length > 0) {
      const batch = this.pending;
      const batchBytes = this.pendingBytes;
      const waiters = this.waiters;
      this.pending = [];
      this.pendingBytes = 0;
      this.waiters = [];
      this.inFlight = waiters;
      try {
        const handle = this.handle;
        if (batch.length > 0) {
          await writeAll(handle, batch.length === 1 && batch[0] ? batch[0] : Buffer.concat(batch));
          await handle.datasync();
          this.flushCount++;
          if (handle === this.handle) this.bytesOnDisk += batchBytes;
        }
        this.inFlight = undefined;
        for (const waiter of waiters) waiter.resolve();
      } catch (cause) {
        this.inFlight = undefined;
        this.poison(cause, waiters);
        break;
      }
    }
    this.flushing = undefined;
  }

  private poison(cause: unknown, waiters: readonly Waiter[]): void {
    this.failure = this.onFailure(cause);
    for (const waiter of [...waiters, ...this.waiters]) waiter.reject(this.failure);
    this.waiters = [];
    this.pending = [];
    this.pendingBytes = 0;
  }
}
