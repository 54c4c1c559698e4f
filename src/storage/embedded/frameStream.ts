/**
 * Reads the framed records of a journal or snapshot file (journalFrame.ts) a chunk at a time, so
 * that opening a large data folder never holds a whole file in memory. Same rules as scanFrames:
 * the first frame that is incomplete, oversized or fails its checksum ends the scan (`torn`).
 */
import { crc32 } from "node:zlib";
import { FRAME_HEADER_BYTES, MAX_FRAME_PAYLOAD_BYTES } from "./journalFrame.js";
import type { Segment } from "./segment.js";

const CHUNK_BYTES = 4 * 1024 * 1024;

export interface StreamedFrame {
  /** Valid until the next frame is read: copy what must outlive it. */
  readonly payload: Buffer;
  /** Where the payload starts in the file. */
  readonly offset: number;
}

export class FrameStream {
  /** Bytes from the start that hold complete, checksummed records (final once the frames are read). */
  validLength = 0;
  torn = false;
  private buffer = Buffer.alloc(0);
  /** File offset of buffer[0]. */
  private bufferStart = 0;

  constructor(
    private readonly file: Segment,
    private readonly size: number,
  ) {}

  *frames(): Generator<StreamedFrame> {
    let offset = 0;
    while (offset < this.size) {
      if (!this.ensure(offset, FRAME_HEADER_BYTES)) break;
      const at = offset - this.bufferStart;
      const length = this.buffer.readUInt32LE(at);
      const checksum = this.buffer.readUInt32LE(at + 4);
      if (length === 0 || length > MAX_FRAME_PAYLOAD_BYTES) break;
      if (!this.ensure(offset, FRAME_HEADER_BYTES + length)) break;
      const start = offset - this.bufferStart + FRAME_HEADER_BYTES;
      const payload = this.buffer.subarray(start, start + length);
      if (crc32(payload) !== checksum) break;
      offset += FRAME_HEADER_BYTES + length;
      this.validLength = offset;
      yield { payload, offset: offset - length };
    }
    this.torn = this.validLength < this.size;
  }

  /** Makes bytes [offset, offset + length) available in the buffer; false if the file is shorter. */
  private ensure(offset: number, length: number): boolean {
    if (offset + length > this.size) return false;
    const end = this.bufferStart + this.buffer.length;
    if (offset >= this.bufferStart && offset + length <= end) return true;
    // A fresh buffer each time: payloads handed out earlier stay valid for whoever kept them.
    const keep = offset < end ? this.buffer.subarray(offset - this.bufferStart) : Buffer.alloc(0);
    const want = Math.min(Math.max(CHUNK_BYTES, length), this.size - offset);
    const next = Buffer.allocUnsafe(want);
    keep.copy(next, 0);
    let filled = keep.length;
    while (filled < want) {
      const n = this.file.readInto(next.subarray(filled), offset + filled, want - filled);
      if (n <= 0) return false;
      filled += n;
    }
    this.buffer = next;
    this.bufferStart = offset;
    return true;
  }
}
