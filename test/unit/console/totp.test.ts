/** TOTP against RFC 6238's own test vectors (SHA-1), and the window, encoding and URI around it. */
import { describe, expect, it } from "@jest/globals";
import { base32Decode, base32Encode, hotp, matchTotpStep, newTotpSecret, timeStep, totpAt, totpUri } from "../../../src/console/auth/totp.js";

// RFC 6238 Appendix B: the SHA-1 key is the ASCII string "12345678901234567890"; codes have 8 digits.
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: readonly [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("at %i s is %s (SHA-1, 8 digits)", (seconds, code) => {
    expect(totpAt(RFC_KEY, new Date(seconds * 1000), 8)).toBe(code);
  });

  it("matches RFC 4226's HOTP vectors for the first counters (6 digits)", () => {
    expect([0, 1, 2, 9].map((counter) => hotp(RFC_KEY, counter))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("accepts a code of the step before and after now, not two away, and says which step it was", () => {
    const now = new Date(1_111_111_111_000);
    const step = timeStep(now);
    const code = (offset: number) => hotp(RFC_KEY, step + offset);
    expect(matchTotpStep(RFC_KEY, code(0), now)).toBe(step);
    expect(matchTotpStep(RFC_KEY, code(-1), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_KEY, code(1), now)).toBe(step + 1);
    expect(matchTotpStep(RFC_KEY, code(-2), now)).toBeNull();
    expect(matchTotpStep(RFC_KEY, code(2), now)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    const now = new Date(59_000);
    const right = totpAt(RFC_KEY, now);
    for (const bad of ["", "12345", "1234567", `${right} `, "abcdef", "٢٨٧٠٨٢"]) expect(matchTotpStep(RFC_KEY, bad, now)).toBeNull();
  });

  it("encodes secrets in base32 (RFC 4648) and back", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI").toString()).toBe("foobar");
    expect(base32Decode("mzxw6ytboi======").toString()).toBe("foobar");
    const secret = newTotpSecret();
    expect(secret).toHaveLength(20);
    expect(base32Decode(base32Encode(secret))).toEqual(secret);
    expect(() => base32Decode("NOT-BASE32")).toThrow(RangeError);
  });

  it("builds the otpauth URI authenticator apps read", () => {
    const uri = totpUri({ secret: Buffer.from("foobar"), account: "amina k", issuer: "kinlink NGO" });
    expect(uri).toBe("otpauth://totp/kinlink%20NGO:amina%20k?secret=MZXW6YTBOI&issuer=kinlink%20NGO&algorithm=SHA1&digits=6&period=30");
  });
});
