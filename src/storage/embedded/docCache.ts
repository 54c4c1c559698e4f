/**
 * Which documents the embedded store keeps in memory: a bounded working set (the budget counts
 * each hot document's BSON size, exact once known, otherwise the size of the write that made it),
 * least recently used first out. Everything else is cold: its entry keeps the `_id` key, the
 * insertion rank, the indexed fields' values (entry.ts) and where the document's BSON is on disk,
 * and the document is read back with a synchronous positioned read when a query needs it.
 *
 * Where cold documents live (segment.ts):
 * - unchanged since the last snapshot: in the snapshot file itself, inside their put record, so an
 *   eviction of such a document costs nothing (most of the store after a restart or a snapshot);
 * - changed since: appended to the current cold file when evicted.
 * A snapshot (embeddedDatabase.ts) starts a new cold file when it captures the state, writes every
 * captured entry to the new snapshot file and then points each of them there; the previous
 * snapshot file and the cold files before the capture are then unreferenced and closed. So the
 * snapshot is also the cold files' compaction: garbage (superseded and deleted versions) lives
 * until the next snapshot, which the database also starts when the cold files grow large.
 *
 * Durability does not depend on any of this: the journal and the snapshot are what recovery
 * reads; a cold file is unlinked as soon as it is created.
 *
 * Invariants: a document held here is never mutated and never handed out (callers get copies);
 * an entry is one version, so where its BSON is never changes content, only place. What a
 * superseded or deleted entry holds is left as it is (a snapshot being written may still read it).
 */
import { deserialize, serialize } from "bson";
import type { Entry } from "./entry.js";
import { Segment } from "./segment.js";
import { idFromKey } from "./valueKey.js";

type Doc = Readonly<Record<string, unknown>>;

/**
 * 8 MiB of BSON is about 25 MB of heap (documents cost about three times their BSON size as
 * objects): room for a few thousand active conversations and their recent messages, within the
 * 300 MB that a process with 10,000 conversations must stay under.
 */
export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

export interface CacheStats {
  /** Documents in memory, and their counted bytes. */
  readonly hotDocuments: number;
  readonly hotBytes: number;
  readonly budgetBytes: number;
  /** Bytes in cold files (live and garbage), and how many files are open (snapshot included). */
  readonly coldFileBytes: number;
  readonly openFiles: number;
  /** Documents read back from disk since the store was opened. */
  readonly coldReads: number;
  readonly evictions: number;
  /** Evictions that failed to write the cold file (the documents stayed in memory). */
  readonly evictionFailures: number;
}

/** Where the snapshot writer put each captured entry's BSON. */
export interface Placements {
  readonly entries: Entry[];
  readonly offsets: number[];
  readonly lengths: number[];
}

export interface CaptureToken {
  readonly retiring: readonly Segment[];
}

export class DocCache {
  private readonly hot = new Set<Entry>();
  private hotBytes = 0;
  private cold: Segment | undefined;
  private readonly segments = new Set<Segment>();
  private coldCount = 0;
  private reads = 0;
  private evictions = 0;
  private failures = 0;

  /**
   * @param budget bytes of hot documents (Infinity: never evict, no files; for in-memory use)
   * @param coldPath where the next cold file is created (a name in the data directory)
   */
  constructor(
    readonly budget: number,
    private readonly coldPath: ((n: number) => string) | undefined,
  ) {}

  /** An unbounded cache with no files: everything stays in memory (unit tests of the query layer). */
  static inMemory(): DocCache {
    return new DocCache(Number.POSITIVE_INFINITY, undefined);
  }

  stats(): CacheStats {
    let coldFileBytes = 0;
    for (const segment of this.segments) if (segment.kind === "cold") coldFileBytes += segment.size;
    return {
      hotDocuments: this.hot.size,
      hotBytes: this.hotBytes,
      budgetBytes: this.budget,
      coldFileBytes,
      openFiles: this.segments.size,
      coldReads: this.reads,
      evictions: this.evictions,
      evictionFailures: this.failures,
    };
  }

  /** Bytes in cold files: when large, a snapshot reclaims them. */
  get coldFileBytes(): number {
    let bytes = 0;
    for (const segment of this.segments) if (segment.kind === "cold") bytes += segment.size;
    return bytes;
  }

  /** The entry's document: the hot object, or a fresh copy read from disk (not kept). */
  docOf(entry: Entry): Doc {
    if (entry.doc) return entry.doc;
    return this.load(entry);
  }

  /** The entry's document, kept in memory as recently used (a read of a document the caller will use). */
  read(entry: Entry): Doc {
    if (entry.doc) {
      if (this.hot.has(entry)) this.touch(entry);
      return entry.doc;
    }
    const doc = this.load(entry);
    this.keep(entry, doc);
    return doc;
  }

  /** Keeps a document just read from disk in memory, as recently used. */
  keep(entry: Entry, doc: Doc): void {
    if (entry.doc) return;
    entry.doc = doc;
    this.admit(entry);
  }

  /** A new entry with its document in memory (a write, or a document loaded by recovery). */
  admit(entry: Entry): void {
    if (this.budget === Number.POSITIVE_INFINITY) return;
    this.hot.add(entry);
    this.hotBytes += entry.length;
    this.trim();
  }

  /** The entry was superseded or deleted: no longer counted (its content stays for snapshot readers). */
  drop(entry: Entry): void {
    if (this.hot.delete(entry)) this.hotBytes -= entry.length;
  }

  /** Puts `entry` where `segment` holds its BSON (recovery: the snapshot's put record). */
  place(entry: Entry, segment: Segment, offset: number, length: number): void {
    entry.segment = segment;
    entry.offset = offset;
    entry.length = length;
  }

  /** Registers a file entries point into (the snapshot loaded at open). */
  addSegment(segment: Segment): void {
    this.segments.add(segment);
  }

  /** The `_id` of an entry, without reading a cold document when its key says it (strings, ObjectIds). */
  idOf(entry: Entry): unknown {
    if (entry.doc) return entry.doc["_id"];
    return (idFromKey(entry.idKey) ?? { id: this.load(entry)["_id"] }).id;
  }

  /** This version's BSON: from disk when it is there, else serialised (the snapshot writer). */
  bsonOf(entry: Entry, reader?: SequentialReader): Uint8Array {
    if (entry.segment) return reader ? reader.read(entry.segment, entry.offset, entry.length) : entry.segment.read(entry.offset, entry.length);
    if (!entry.doc) throw new Error("embedded store: an entry with neither a document nor a place on disk");
    return serialize(entry.doc);
  }

  /**
   * Called when a snapshot captures the state: later evictions go to a new cold file, and every
   * file open now is retired once the snapshot is written and its entries point into it.
   */
  beginSnapshot(): CaptureToken {
    this.cold = undefined;
    return { retiring: [...this.segments] };
  }

  /** The snapshot is durable: its entries now read from it, and the retired files are closed. */
  completeSnapshot(token: CaptureToken, snapshot: Segment, placed: Placements): void {
    this.segments.add(snapshot);
    for (const [i, entry] of placed.entries.entries()) {
      const length = placed.lengths[i] ?? 0;
      if (this.hot.has(entry)) this.hotBytes += length - entry.length;
      entry.segment = snapshot;
      entry.offset = placed.offsets[i] ?? 0;
      entry.length = length;
    }
    for (const segment of token.retiring) {
      segment.close();
      this.segments.delete(segment);
    }
  }

  /** Closes every file (the store is closing). */
  close(): void {
    for (const segment of this.segments) segment.close();
    this.segments.clear();
    this.hot.clear();
    this.hotBytes = 0;
    this.cold = undefined;
  }

  private load(entry: Entry): Doc {
    const segment = entry.segment;
    if (!segment) throw new Error("embedded store: an entry with neither a document nor a place on disk");
    this.reads++;
    return deserialize(segment.read(entry.offset, entry.length));
  }

  private touch(entry: Entry): void {
    this.hot.delete(entry);
    this.hot.add(entry);
  }

  /**
   * Evicts the least recently used documents while over the budget. Runs inside writes, after the
   * memory state changed and before the journal record is queued, so it never throws: a document
   * that cannot be written to the cold file (a full disk) simply stays in memory.
   */
  private trim(): void {
    // A budget of 0 keeps nothing, even a document counted as 0 bytes.
    if (this.hotBytes <= this.budget && this.budget > 0) return;
    for (const entry of this.hot) {
      if (this.hotBytes <= this.budget && this.budget > 0) break;
      try {
        this.evict(entry);
      } catch {
        this.failures++;
        return;
      }
    }
  }

  private evict(entry: Entry): void {
    const doc = entry.doc;
    if (doc && !entry.segment) {
      const bytes = serialize(doc);
      const cold = this.coldFile();
      const offset = cold.append(bytes);
      this.hot.delete(entry);
      this.hotBytes -= entry.length;
      entry.segment = cold;
      entry.offset = offset;
      entry.length = bytes.length;
    } else {
      this.hot.delete(entry);
      this.hotBytes -= entry.length;
    }
    entry.doc = undefined;
    this.evictions++;
  }

  private coldFile(): Segment {
    if (this.cold?.open) return this.cold;
    if (!this.coldPath) throw new Error("embedded store: no cold file for an in-memory cache");
    this.cold = Segment.createCold(this.coldPath(++this.coldCount));
    this.segments.add(this.cold);
    return this.cold;
  }
}

/** Reads many documents in file order with few system calls (the snapshot writer). */
export class SequentialReader {
  private segment: Segment | undefined;
  private start = 0;
  private filled = 0;
  private readonly window: Buffer;

  constructor(windowBytes = 1024 * 1024) {
    this.window = Buffer.allocUnsafe(windowBytes);
  }

  read(segment: Segment, offset: number, length: number): Uint8Array {
    if (length > this.window.length) return segment.read(offset, length);
    if (segment !== this.segment || offset < this.start || offset + length > this.start + this.filled) {
      this.segment = segment;
      this.start = offset;
      this.filled = segment.readInto(this.window, offset, this.window.length);
      if (this.filled < length) return segment.read(offset, length);
    }
    // A copy: the window is refilled on the next miss.
    return Buffer.from(this.window.subarray(offset - this.start, offset - this.start + length));
  }
}
