import type { JsonValue } from "../engine/session.js";

/** The outcome of reading one answer. `reason` is a stable code; `params` fill the re-prompt. */
export type ParseResult =
  | { readonly ok: true; readonly value: JsonValue; readonly estimated?: boolean }
  | { readonly ok: false; readonly reason: string; readonly params?: Readonly<Record<string, string | number>> };

export const fail = (reason: string, params?: Record<string, string | number>): ParseResult =>
  params ? { ok: false, reason, params } : { ok: false, reason };
