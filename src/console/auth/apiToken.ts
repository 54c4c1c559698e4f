/**
 * API tokens, presented as `Authorization: Bearer kl_…`. A token is 32 random bytes (256 bits), so it
 * cannot be guessed and needs no slow hash: the store keeps only its SHA-256, which is the session's
 * id. A copy of the database therefore holds no token that works, and looking a token up by its hash
 * leaks nothing through timing that would help forge one (an attacker cannot steer the hash).
 *
 * Example: `kl_3q2-7wEvRk…` (46 characters) is stored as session `9f86d0…` (64 hex characters).
 */
import { createHash, randomBytes } from "node:crypto";

/** Makes a leaked token recognisable to secret scanners and to people. */
export const API_TOKEN_PREFIX = "kl_";
/** The prefix and 32 bytes in unpadded base64url (43 characters). */
export const API_TOKEN_PATTERN = /^kl_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenPair {
  /** Shown once to the person it is issued to; never stored or logged. */
  readonly token: string;
  /** What the session store keeps. */
  readonly sessionId: string;
}

export function apiTokenSessionId(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newApiToken(random: (size: number) => Buffer = randomBytes): ApiTokenPair {
  const token = `${API_TOKEN_PREFIX}${random(32).toString("base64url")}`;
  return { token, sessionId: apiTokenSessionId(token) };
}
