/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), written here on node:crypto rather
 * than taken from a package: it is 60 lines, and the second factor is no place for a dependency
 * nobody reviews. SHA-1, 6 digits, 30-second steps: what every authenticator app supports.
 *
 * Codes are compared in constant time, and a match reports its time-step so that the caller can
 * refuse a code that was already used (RFC 6238 §5.2).
 *
 *   const secret = newTotpSecret();                       // 20 random bytes
 *   totpUri({ secret, account: "amina", issuer: "kinlink" }) // otpauth://totp/kinlink:amina?secret=…
 *   matchTotpStep(secret, "287082", new Date())            // the matching step, or null
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: one (30 s) for clocks that drift and people who type slowly. */
export const TOTP_DRIFT_STEPS = 1;
/** RFC 4226 recommends 160 bits, the length of SHA-1's output. */
const SECRET_BYTES = 20;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function newTotpSecret(random: (size: number) => Buffer = randomBytes): Buffer {
  return random(SECRET_BYTES);
}

/** RFC 4648 base32 without padding, as authenticator apps expect in `secret=`. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

export function base32Decode(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The RFC 6238 time-step counter of an instant. */
export function timeStep(at: Date, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}

/** RFC 4226 HOTP: HMAC-SHA-1 of the 8-byte counter, dynamically truncated, as `digits` decimals. */
export function hotp(secret: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function totpAt(secret: Buffer, at: Date, digits = TOTP_DIGITS): string {
  return hotp(secret, timeStep(at), digits);
}

/**
 * The time-step whose code `code` is, within the drift window around `at`, or null. Every step in
 * the window is computed and compared in constant time, so timing does not say which one matched.
 */
export function matchTotpStep(secret: Buffer, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const given = Buffer.from(code, "utf8");
  const now = timeStep(at);
  let matched: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step), "utf8"), given)) matched = step;
  }
  return matched;
}

/** The `otpauth://` URI an authenticator app reads (usually from a QR code of it). */
export function totpUri(options: { readonly secret: Buffer; readonly account: string; readonly issuer: string }): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`;
  const query = new URLSearchParams({ secret: base32Encode(options.secret), issuer: options.issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  // Some apps show a "+" literally: spaces are written as %20, as in the label.
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, "%20")}`;
}
