import { describe, expect, it } from "@jest/globals";
import { ObjectId, serialize } from "bson";
import { encodeFrame, scanFrames } from "../../../src/storage/embedded/journalFrame.js";
import { decodeRecord, encodeRecord } from "../../../src/storage/embedded/journalRecord.js";
import { recordFrame } from "../../../src/storage/embedded/recordFrame.js";

const composed = (kind: "put" | "patch", collection: string, doc: Record<string, unknown>) => encodeFrame(encodeRecord(kind, collection, serialize(doc)));

describe("recordFrame", () => {
  it("builds the same bytes as framing, recording and serialising one after the other", () => {
    const doc = { _id: new ObjectId(), name: "Amira", at: new Date(0), nested: { list: [1, "two", null] }, arabic: "أمينة", skipped: undefined };
    const built = recordFrame("put", "conversations", doc);
    expect(built.frame.equals(composed("put", "conversations", doc))).toBe(true);
    expect(built.bodyBytes).toBe(serialize(doc).length);
    const [payload] = scanFrames(built.frame).payloads;
    expect(decodeRecord(payload ?? Buffer.alloc(0))).toMatchObject({ kind: "put", collection: "conversations" });
  });

  it("keeps each frame its own: a later record does not overwrite an earlier one", () => {
    const first = recordFrame("patch", "outbox", { _id: "a", set: { status: "sent" }, unset: [] });
    const copy = Buffer.from(first.frame);
    recordFrame("put", "inbox", { _id: "b", payload: "x".repeat(1000) });
    expect(first.frame.equals(copy)).toBe(true);
  });

  it("builds documents larger than its scratch buffer, and names in any script", () => {
    const doc = { _id: "big", text: "ё".repeat(300_000) };
    const built = recordFrame("put", "записи", doc);
    expect(built.frame.equals(composed("put", "записи", doc))).toBe(true);
    expect(built.bodyBytes).toBe(serialize(doc).length);
  });

  it("refuses what BSON refuses, with BSON's error", () => {
    const doc = { _id: "x", bad: { _bsontype: "NotAType" } };
    let bsonError = "";
    try {
      serialize(doc);
    } catch (error) {
      bsonError = (error as Error).message;
    }
    expect(bsonError).not.toBe("");
    expect(() => recordFrame("put", "things", doc)).toThrow(bsonError);
  });
});
