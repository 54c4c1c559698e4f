/**
 * A real full disk for the disk-full fault run: a small tmpfs mounted over the server's data folder,
 * and a ballast file that leaves only a few kilobytes free, so the server's next journal writes fail
 * with ENOSPC exactly as on a full volume. Removing the ballast is the operator freeing space.
 *
 * Mounting needs root (CAP_SYS_ADMIN); `mountSmallDisk` answers undefined where it is not allowed,
 * and the callers say so instead of pretending to have tested it.
 */
import { execFile } from "node:child_process";
import { statfsSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BALLAST = "ballast.bin";
const CHUNK = 64 * 1024;

export class SmallDisk {
  private constructor(readonly dir: string) {}

  /** Mounts a tmpfs of `megabytes` on `dir` (an empty folder); undefined when this process may not mount. */
  static async mount(dir: string, megabytes: number): Promise<SmallDisk | undefined> {
    try {
      await run("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m,mode=0700`, "tmpfs", dir]);
      return new SmallDisk(dir);
    } catch {
      return undefined;
    }
  }

  /** Bytes a writer can still use. */
  free(): number {
    const stats = statfsSync(this.dir);
    return stats.bavail * stats.bsize;
  }

  /** Fills the disk with a ballast file until at most `leaveBytes` are free. */
  async fill(leaveBytes: number): Promise<void> {
    const handle = await open(join(this.dir, BALLAST), "a");
    const zeros = Buffer.alloc(CHUNK);
    try {
      while (this.free() > leaveBytes) {
        const size = Math.min(CHUNK, this.free() - leaveBytes);
        await handle.write(zeros, 0, size);
      }
    } catch {
      // ENOSPC while filling: the disk is full, which is what was asked.
    } finally {
      await handle.close();
    }
  }

  /** Frees the space the ballast took. */
  async drain(): Promise<void> {
    await rm(join(this.dir, BALLAST), { force: true });
  }

  async unmount(): Promise<void> {
    await run("umount", ["-l", this.dir]).catch(() => undefined);
  }
}
