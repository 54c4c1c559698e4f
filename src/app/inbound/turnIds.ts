/**
 * Record ids for a turn, derived from the inbox message id: re-running the turn after a crash gives
 * the same ids, so the record already written is found rather than written twice. `attempt` changes
 * them when a short reference collided. Shaped as version-4 UUIDs.
 */
import { createHash } from "node:crypto";

export function turnUuids(inboxMessageId: string, attempt: number): () => string {
  let n = 0;
  return () => {
    const hex = createHash("sha256").update(`${inboxMessageId}\u0000${attempt}\u0000${n++}`).digest("hex");
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
