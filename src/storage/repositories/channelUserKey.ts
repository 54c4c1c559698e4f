/**
 * The lookup key of a conversation: HMAC-SHA256 of (channel, channel user id) under a deployment
 * secret. The raw id (a phone number on WhatsApp) is never an index key, and without the secret the
 * key cannot be recomputed from a list of phone numbers (which a plain hash would allow).
 */
import { createHmac } from "node:crypto";

export function channelUserKey(secret: string, channel: string, channelUserId: string): string {
  return createHmac("sha256", secret).update(channel).update("\u0000").update(channelUserId).digest("base64url");
}
