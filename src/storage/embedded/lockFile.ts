/**
 * One process per data directory: two processes appending to the same journal would corrupt it.
 * The lock is a file created with O_EXCL holding the owner's pid. A lock left by a process that
 * died (kill -9, power loss) is stale: its pid no longer runs, so it is taken over. (A recycled pid
 * can make a stale lock look live; the message then names the pid so an operator can check.)
 */
import { open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { StoreLockedError } from "./embeddedErrors.js";
import { errorCode } from "../../domain/errorCode.js";

export const LOCK_FILE = "kinlink.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === "EPERM";
  }
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, "utf8")).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
}

/** Takes the lock or throws StoreLockedError naming the directory; returns the release function. */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(path)) return () => unlink(path).catch(() => undefined);
    const owner = await readOwner(path);
    // A lock being written right now has no pid yet: give its writer a moment before judging.
    if (owner === undefined && attempt === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (owner !== undefined && isAlive(owner)) throw new StoreLockedError(dataDir, owner);
    await unlink(path).catch(() => undefined);
  }
  throw new StoreLockedError(dataDir, 0);
}
