/**
 * Console session tokens: 32 random bytes in base64url, in the session cookie. Like API tokens
 * (apiToken.ts) they are stored only as their SHA-256, which is the session's id. They carry no
 * `kl_` prefix, so a cookie token never passes for an API token and the reverse (the shapes differ,
 * and the store marks console sessions by kind besides).
 */
import { createHash, randomBytes } from "node:crypto";

export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh random token (session or CSRF): 256 bits. */
export function randomToken(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString("base64url");
}
