import { randomUUID } from "node:crypto";
import type { Ids } from "../../../src/ports/ids.js";

export const randomIds: Ids = { uuid: () => randomUUID() };

/** Returns the given UUIDs first (to force short-reference collisions), then random ones. */
export function scriptedIds(first: readonly string[]): Ids {
  const queue = [...first];
  return { uuid: () => queue.shift() ?? randomUUID() };
}
