/** The engine's working copies: what structuredClone made of session data, and JSON's idea of equality. */
import { describe, expect, it } from "@jest/globals";
import { copyData, sameData } from "../../../src/dialog/engine/copyData.js";

const session = {
  schema: 1,
  dialog: "intake",
  lang: "fa-AF",
  audience: undefined,
  stack: [{ dialog: "intake", version: 3, step: "age", retries: 0, scope: ["sought_children", 1], askingMore: undefined }],
  record: { name_first: "آمنه", age: 7, location: { latitude: -1.68, longitude: 29.22 }, languages: ["fa", "en"], note: null, ok: true },
  history: [{ stack: [], changes: [{ path: "age", previous: 6 }] }],
};

describe("copyData", () => {
  it("copies session data as structuredClone does, undefined values and key order included", () => {
    const copy = copyData(session);
    expect(copy).toStrictEqual(structuredClone(session));
    expect(Object.keys(copy.stack[0] ?? {})).toEqual(Object.keys(session.stack[0] ?? {}));
    expect("audience" in copy).toBe(true);
  });

  it("shares nothing with the original", () => {
    const copy = copyData(session);
    const [frame] = copy.stack;
    const [entry] = copy.history;
    if (!frame || !entry) throw new Error("copy lost its frames");
    frame.retries = 2;
    copy.record.languages.push("sw");
    copy.record.location.latitude = 0;
    entry.changes.push({ path: "x", previous: 1 });
    expect(session.stack[0]?.retries).toBe(0);
    expect(session.record.languages).toEqual(["fa", "en"]);
    expect(session.record.location.latitude).toBe(-1.68);
    expect(session.history[0]?.changes).toHaveLength(1);
  });

  it("keeps a null-prototype object's prototype, and hands anything else to structuredClone", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(Object.getPrototypeOf(copyData(bare))).toBeNull();
    const at = new Date("2026-01-15T09:00:00.000Z");
    const copied = copyData({ at });
    expect(Object.prototype.toString.call(copied.at)).toBe("[object Date]"); // of the realm structuredClone runs in
    expect(copied.at).not.toBe(at);
    expect(copied.at.getTime()).toBe(at.getTime());
  });
});

describe("sameData", () => {
  it("agrees with comparing JSON texts on session data", () => {
    const pairs: [unknown, unknown][] = [
      [session.stack, copyData(session.stack)],
      [[{ a: 1, b: undefined }], [{ a: 1 }]],
      [[{ a: 1, b: 2 }], [{ b: 2, a: 1 }]],
      [[{ a: [1, 2] }], [{ a: [1, 2, 3] }]],
      [{ a: null }, { a: 0 }],
      [{ a: "1" }, { a: 1 }],
      [[], {}],
      [{ scope: ["x", 1] }, { scope: ["x", 1] }],
    ];
    for (const [a, b] of pairs) expect(sameData(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });
});
