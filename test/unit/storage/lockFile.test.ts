import { describe, expect, it } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock, LOCK_FILE } from "../../../src/storage/embedded/lockFile.js";
import { tempDir } from "../../helpers/storage/backends.js";

describe("lock file", () => {
  it("takes over a stale lock whose process is gone", async () => {
    const dir = await tempDir();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    await writeFile(join(dir.path, LOCK_FILE), `${gone}\n`);
    const release = await acquireLock(dir.path);
    expect((await readFile(join(dir.path, LOCK_FILE), "utf8")).trim()).toBe(String(process.pid));
    await release();
    await dir.remove();
  });

  it("refuses a lock held by a live process, naming the directory and pid", async () => {
    const dir = await tempDir();
    await writeFile(join(dir.path, LOCK_FILE), `${process.ppid}\n`);
    await expect(acquireLock(dir.path)).rejects.toMatchObject({ code: "STORE_LOCKED", message: expect.stringContaining(dir.path) });
    await dir.remove();
  });
});
