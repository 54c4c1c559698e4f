import { describe, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import { parseShortRef, shortRefFromUuid } from "../../../src/domain/shortRef.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("short references", () => {
  it("are stable, readable and self-checking", () => {
    const uuid = "3f0c2a9e-7b1d-4c5e-9f00-1a2b3c4d5e6f";
    const ref = shortRefFromUuid(uuid);
    expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(shortRefFromUuid(uuid)).toBe(ref);
    expect(parseShortRef(ref)).toBe(ref);
  });

  it("accept what people type: lower case, spaces, O for 0 and I or L for 1", () => {
    const ref = "0A1B-2C3D".slice(0, 8);
    const valid = shortRefFromUuid("00000000-0000-4000-8000-000000000abc");
    expect(parseShortRef(valid.toLowerCase().replace("-", " "))).toBe(valid);
    expect(parseShortRef(valid.replaceAll("0", "O").replaceAll("1", "l"))).toBe(valid);
    expect(parseShortRef(ref)).toBeUndefined();
  });

  it("catch every single-character error and every swap of neighbours but Luhn's 0/Z blind spot", () => {
    for (let n = 0; n < 200; n++) {
      const ref = shortRefFromUuid(randomUUID()).replace("-", "");
      for (let i = 0; i < ref.length; i++) {
        for (const c of ALPHABET) {
          if (c === ref[i]) continue;
          expect(parseShortRef(ref.slice(0, i) + c + ref.slice(i + 1))).toBeUndefined();
        }
        const pair = `${ref[i]}${ref[i + 1]}`;
        if (i + 1 < ref.length && ref[i] !== ref[i + 1] && pair !== "0Z" && pair !== "Z0") {
          expect(parseShortRef(ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2))).toBeUndefined();
        }
      }
    }
  });
});
