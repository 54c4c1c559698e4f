/**
 * A file that cold documents are read back from, by offset and length, synchronously (the page
 * cache makes this a memory copy; keeping the store's internals synchronous keeps them simple):
 *
 * - the snapshot file: every document unchanged since the last snapshot is already there, as
 *   plain BSON inside its put record, so evicting it costs nothing;
 * - a cold file: documents changed since the last snapshot, appended as BSON when evicted. It is
 *   never needed for recovery (the journal and the snapshot are): it is unlinked right after it is
 *   created, so the system reclaims it when the process ends, however it ends. Its garbage
 *   (superseded and deleted versions) is reclaimed by the next snapshot, after which no entry
 *   points into it and it is closed (see docCache.ts).
 *
 * Appends are buffered (a flush per 256 KiB, not a write per eviction); a read of bytes still in
 * the buffer is served from it.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";

const WRITE_BUFFER_BYTES = 256 * 1024;

export class Segment {
  private fd: number | undefined;
  /** Bytes in the file (flushed). */
  private flushed = 0;
  private buffer: Buffer | undefined;
  private buffered = 0;

  private constructor(
    fd: number,
    readonly kind: "snapshot" | "cold",
    size: number,
  ) {
    this.fd = fd;
    this.flushed = size;
  }

  /** An existing file (the snapshot), read-only. */
  static openForReading(path: string, size: number): Segment {
    return new Segment(openSync(path, "r"), "snapshot", size);
  }

  /** A new, anonymous cold file in `path`'s directory (unlinked at once where the system allows). */
  static createCold(path: string): Segment {
    const fd = openSync(path, "w+", 0o600);
    try {
      unlinkSync(path);
    } catch {
      // Not possible here (an open file on Windows): removed on the next open (embeddedDatabase.ts).
    }
    return new Segment(fd, "cold", 0);
  }

  get size(): number {
    return this.flushed + this.buffered;
  }

  get open(): boolean {
    return this.fd !== undefined;
  }

  /** Appends `bytes`; returns their offset. */
  append(bytes: Uint8Array): number {
    const offset = this.size;
    if (bytes.length > WRITE_BUFFER_BYTES) {
      this.flush();
      this.writeAll(bytes);
      return offset;
    }
    if (this.buffered + bytes.length > WRITE_BUFFER_BYTES) this.flush();
    this.buffer ??= Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    this.buffer.set(bytes, this.buffered);
    this.buffered += bytes.length;
    return offset;
  }

  /** A private copy of `length` bytes at `offset`. */
  read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    const fd = this.descriptor();
    if (offset >= this.flushed && this.buffer) {
      this.buffer.copy(out, 0, offset - this.flushed, offset - this.flushed + length);
      return out;
    }
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error(`embedded store: ${this.kind} file shorter than expected`);
      done += n;
    }
    return out;
  }

  /** Up to `length` bytes at `offset` into `into` (for sequential readers); returns how many. */
  readInto(into: Buffer, offset: number, length: number): number {
    const fd = this.descriptor();
    if (offset >= this.flushed && this.buffer) {
      return this.buffer.copy(into, 0, offset - this.flushed, Math.min(this.buffered, offset - this.flushed + length));
    }
    return readSync(fd, into, 0, Math.min(length, this.flushed - offset), offset);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.buffer = undefined;
    this.buffered = 0;
  }

  private flush(): void {
    if (this.buffered === 0 || !this.buffer) return;
    this.writeAll(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    const fd = this.descriptor();
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, this.flushed + done);
    this.flushed += bytes.length;
  }

  private descriptor(): number {
    if (this.fd === undefined) throw new Error(`embedded store: ${this.kind} file already closed`);
    return this.fd;
  }
}
