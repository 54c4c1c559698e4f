import { describe, expect, it } from "@jest/globals";
import { encodeFrame, scanFrames } from "../../../src/storage/embedded/journalFrame.js";
import { decodeRecord, encodeRecord } from "../../../src/storage/embedded/journalRecord.js";

const frames = (...payloads: string[]) => Buffer.concat(payloads.map((p) => encodeFrame(Buffer.from(p))));

describe("journal framing", () => {
  it("reads back complete records", () => {
    const scan = scanFrames(frames("one", "two", "three"));
    expect(scan.payloads.map(String)).toEqual(["one", "two", "three"]);
    expect(scan.torn).toBe(false);
  });

  it("stops at a torn record at every possible cut, keeping the records before it", () => {
    const whole = frames("alpha", "beta", "gamma");
    const ends = [13, 25, 38];
    for (let cut = 0; cut < whole.length; cut++) {
      const scan = scanFrames(whole.subarray(0, cut));
      const complete = ends.filter((end) => end <= cut).length;
      expect(scan.payloads).toHaveLength(complete);
      expect(scan.validLength).toBe(ends[complete - 1] ?? 0);
      expect(scan.torn).toBe(cut !== scan.validLength);
    }
  });

  it("detects a flipped bit by its checksum", () => {
    const whole = frames("alpha", "beta");
    whole.writeUInt8(whole.readUInt8(whole.length - 1) ^ 0x01, whole.length - 1);
    const scan = scanFrames(whole);
    expect(scan.payloads.map(String)).toEqual(["alpha"]);
    expect(scan.torn).toBe(true);
  });

  it("never reads zero-filled space (a file system's torn append) as records", () => {
    const scan = scanFrames(Buffer.concat([frames("alpha"), Buffer.alloc(64)]));
    expect(scan.payloads).toHaveLength(1);
    expect(scan.torn).toBe(true);
  });

  it("encodes and decodes records with their kind and collection", () => {
    const record = decodeRecord(encodeRecord("delete", "cases", Buffer.from([1, 2, 3])));
    expect(record).toEqual({ kind: "delete", collection: "cases", body: Buffer.from([1, 2, 3]) });
    expect(decodeRecord(Buffer.from([9, 0, 0]))).toBeUndefined();
  });
});
