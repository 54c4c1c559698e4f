/**
 * Compares a secret a request presents with the configured one in constant time. Both sides are
 * hashed first so that neither the content nor the length of the secret leaks through timing.
 */
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string | Buffer): Buffer => createHash("sha256").update(value).digest();

export function constantTimeEqual(presented: string | Buffer, expected: string | Buffer): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
