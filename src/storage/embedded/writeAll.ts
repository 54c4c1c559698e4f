/**
 * Writes every byte or throws. A write to a nearly full disk can be short: the system takes what
 * fits and reports how much, without an error. Treated as success, the rest of the record would be
 * silently missing while its writer was told it was durable; retried, the next write gets ENOSPC
 * (or the rest goes through).
 */
import type { FileHandle } from "node:fs/promises";

export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) throw Object.assign(new Error("a write made no progress"), { code: "EIO" });
    done += bytesWritten;
  }
}
