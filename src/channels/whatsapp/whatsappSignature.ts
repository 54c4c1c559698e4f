/**
 * Checks `X-Hub-Signature-256: sha256=<hex>`, Meta's HMAC-SHA256 of the request body with the app
 * secret. It is computed over the raw bytes as received: Meta sends non-ASCII text as \uXXXX escapes
 * and signs exactly what it sends, so parsing and re-serialising the JSON first (as whatsapp-api-js's
 * `post()` expects a string for) would change the bytes and break the check for Arabic or Ukrainian.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export function whatsappSignatureValid(rawBody: Buffer, header: unknown, appSecret: string): boolean {
  if (typeof header !== "string") return false;
  const presented = HEADER.exec(header.trim())?.[1];
  if (presented === undefined) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  // Both are 32 bytes, so the comparison takes the same time whatever the content.
  return timingSafeEqual(Buffer.from(presented, "hex"), expected);
}
