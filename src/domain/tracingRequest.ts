/**
 * A family-tracing request: the inquirer, the separation, and one or more sought children, with
 * Primero field names. Status follows Primero: open -> tracing_in_progress -> verified ->
 * reunified -> closed (a request can be closed from any status).
 *
 * Example: `{ id: "…", shortRef: "K2M9-Q0PA", status: "open", fields: { inquirer_name: "…",
 *   relation: "mother" }, soughtChildren: [{ name_first: "…", age: 6 }], consents: [...] }`.
 */
import type { ConsentRecord } from "./consent.js";
import type { StatusChange } from "./statusChange.js";

export const TRACING_STATUSES = ["open", "tracing_in_progress", "verified", "reunified", "closed"] as const;
export type TracingStatus = (typeof TRACING_STATUSES)[number];

export interface TracingRequest {
  readonly id: string;
  readonly shortRef: string;
  readonly subjectId: string;
  /** The organisation that registered it; only its staff see it. */
  readonly organisation: string;
  readonly conversationId: string | null;
  readonly status: TracingStatus;
  /** Inquirer and separation fields (Primero names); identifying values go through the codec. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly soughtChildren: readonly Readonly<Record<string, unknown>>[];
  readonly consents: readonly ConsentRecord[];
  readonly history: readonly StatusChange[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const NEXT: Readonly<Record<TracingStatus, readonly TracingStatus[]>> = {
  open: ["tracing_in_progress", "closed"],
  tracing_in_progress: ["verified", "open", "closed"],
  verified: ["reunified", "tracing_in_progress", "closed"],
  reunified: ["closed"],
  closed: ["open"],
};

export function canChangeTracingStatus(from: TracingStatus, to: TracingStatus): boolean {
  return NEXT[from].includes(to);
}
