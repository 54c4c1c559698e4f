import { describe, expect, it } from "@jest/globals";
import { rebuilt, withoutKeys } from "../../../src/storage/embedded/fastProperties.js";

describe("removing fields without delete", () => {
  it("copies a document without the given keys, leaving the original as it was", () => {
    const doc = { _id: "a", payload: { text: "hi" }, status: "received" };
    expect(withoutKeys(doc, ["payload", "absent"])).toEqual({ _id: "a", status: "received" });
    expect(doc).toEqual({ _id: "a", payload: { text: "hi" }, status: "received" });
  });

  it("rebuilds the chosen nested objects and shares the others", () => {
    const changed = { b: 1 };
    const shared = { c: 2 };
    const copy = rebuilt({ changed, shared }, new Set([changed]));
    expect(copy).toEqual({ changed: { b: 1 }, shared: { c: 2 } });
    expect(copy["changed"]).not.toBe(changed);
    expect(copy["shared"]).toBe(shared);
  });
});
