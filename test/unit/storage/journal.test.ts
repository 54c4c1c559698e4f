import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Journal } from "../../../src/storage/embedded/journal.js";
import { encodeFrame, scanFrames } from "../../../src/storage/embedded/journalFrame.js";
import { tempDir } from "../../helpers/storage/backends.js";

describe("journal group commit", () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it("batches concurrent appends into few fsyncs and keeps their order", async () => {
    const path = join(dir.path, "j.log");
    const journal = await Journal.open(path, 0);
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.append([encodeFrame(Buffer.from(`record ${i}`))])));
    expect(journal.flushes).toBeLessThan(10);
    await journal.close();
    const scan = scanFrames(await readFile(path));
    expect(scan.payloads.map(String)).toEqual(Array.from({ length: 500 }, (_, i) => `record ${i}`));
  });

  it("settles a barrier only after earlier appends are on disk", async () => {
    const path = join(dir.path, "j.log");
    const journal = await Journal.open(path, 0);
    void journal.append([encodeFrame(Buffer.from("x"))]);
    await journal.barrier();
    expect(scanFrames(await readFile(path)).payloads).toHaveLength(1);
    await journal.close();
  });

  it("settles a barrier with nothing pending with the batch being written, not the next one", async () => {
    const path = join(dir.path, "j.log");
    const journal = await Journal.open(path, 0);
    const first = journal.append([encodeFrame(Buffer.from("a"))]);
    await new Promise<void>((resolve) => setImmediate(resolve)); // the flush has taken "a"
    const barrier = journal.barrier().then(() => journal.flushes);
    const second = journal.append([encodeFrame(Buffer.from("b"))]);
    expect(await barrier).toBe(1);
    expect(scanFrames(await readFile(path)).payloads.map(String)).toContain("a");
    await Promise.all([first, second]);
    expect(journal.flushes).toBe(2);
    await journal.close();
  });

  it("fails every later write once a write has failed", async () => {
    const journal = await Journal.open(join(dir.path, "j.log"), 0);
    await journal.close(); // writing to a closed handle fails like a broken disk would
    journal.onFailure = () => new Error("poisoned");
    await expect(journal.append([encodeFrame(Buffer.from("x"))])).rejects.toThrow("poisoned");
    await expect(journal.append([encodeFrame(Buffer.from("y"))])).rejects.toThrow("poisoned");
    await expect(journal.barrier()).rejects.toThrow("poisoned");
  });
});
