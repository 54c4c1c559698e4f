/**
 * The journal on a nearly full disk (a real tmpfs, bench/smallDisk.ts): a batch larger than the
 * space left is written short by the system, without an error. The journal must not tell its
 * writers the batch is durable; it must fail (and stay failed) instead. Needs root to mount; where
 * it may not, the test says so and is skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { SmallDisk } from "../../../bench/smallDisk.js";
import { Journal } from "../../../src/storage/embedded/journal.js";
import { encodeFrame } from "../../../src/storage/embedded/journalFrame.js";

const dir = mkdtempSync(join(tmpdir(), "kinlink-journal-full-"));
const disk = await SmallDisk.mount(dir, 4);
if (!disk) console.warn("SKIPPED: the full-disk journal test needs to mount a tmpfs (root); it did not run here.");

describe("the journal on a nearly full disk", () => {
  afterAll(async () => {
    await disk?.unmount();
    rmSync(dir, { recursive: true, force: true });
  });

  (disk ? it : it.skip)("rejects a batch written only in part, and every later append", async () => {
    const journal = await Journal.open(join(dir, "journal-1.log"), 0);
    await journal.append([encodeFrame(Buffer.from("fits"))]);
    await disk!.fill(12 * 1024);
    // 64 kB against 12 kB free: the system takes what fits and reports a short count.
    await expect(journal.append([encodeFrame(Buffer.alloc(64 * 1024, 1))])).rejects.toMatchObject({ code: "ENOSPC" });
    await expect(journal.append([encodeFrame(Buffer.from("later"))])).rejects.toBeDefined();
    await journal.close().catch(() => undefined);
    await disk!.drain();
  });
});
