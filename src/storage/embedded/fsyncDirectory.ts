/**
 * Makes a rename, creation or deletion in a directory durable: on Linux the directory entry is only
 * on disk once the directory itself is fsynced.
 */
import { open } from "node:fs/promises";

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
