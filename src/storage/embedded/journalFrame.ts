/**
 * Framing for the journal and snapshot files: each record is
 *
 *   [u32 LE payload length][u32 LE CRC-32 of payload][payload]
 *
 * A crash can leave the last record half-written (or, on some file systems, zero-filled); the
 * length and checksum let recovery find the last complete record and drop everything after it.
 * Zero-length payloads are never written, so a run of zero bytes never parses as a record.
 */
import { crc32 } from "node:zlib";

export const FRAME_HEADER_BYTES = 8;
/** Larger than any document the server accepts (16 MiB) with room for framing: anything above is damage. */
export const MAX_FRAME_PAYLOAD_BYTES = 32 * 1024 * 1024;

export function encodeFrame(payload: Uint8Array): Buffer {
  checkPayloadLength(payload.length);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  writeFrameHeader(frame, frame.length);
  return frame;
}

/** Frames a payload already in place at `frame[FRAME_HEADER_BYTES, end)`: writes its length and checksum. */
export function writeFrameHeader(frame: Buffer, end: number): void {
  const length = end - FRAME_HEADER_BYTES;
  checkPayloadLength(length);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES, end)), 4);
}

function checkPayloadLength(length: number): void {
  if (length <= 0 || length > MAX_FRAME_PAYLOAD_BYTES) throw new RangeError(`journal record size ${length} is out of range`);
}

export interface FrameScan {
  readonly payloads: Buffer[];
  /** Bytes from the start that hold complete, checksummed records. */
  readonly validLength: number;
  /** True if bytes after `validLength` had to be ignored (a torn or damaged tail). */
  readonly torn: boolean;
}

export function scanFrames(data: Buffer): FrameScan {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (data.length - offset < FRAME_HEADER_BYTES) break;
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    if (length === 0 || length > MAX_FRAME_PAYLOAD_BYTES) break;
    const end = offset + FRAME_HEADER_BYTES + length;
    if (end > data.length) break;
    const payload = data.subarray(offset + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validLength: offset, torn: offset < data.length };
}
