/**
 * The caseworker queue as a plain-text table for the terminal: urgency, reasons, age and service
 * level, and the id to act on. Queue rows hold no personal data, so neither does the table.
 *
 * Example:
 *   ID                                    PRI  LEVEL   STATUS   CATEGORIES  REASONS                   AGE  SLA
 *   4f1c…                                 7    high    pending  self_harm   text:en:self_harm.wish…  12m  due in 48m
 */
import { z } from "zod";
import { ESCALATION_STATUSES } from "../domain/escalation.js";
import { RiskCategorySchema, RiskLevelSchema } from "../domain/risk.js";

/** What the CLI reads from the API, parsed rather than trusted. */
export const QueueItemSchema = z.object({
  id: z.string(),
  status: z.enum(ESCALATION_STATUSES),
  riskLevel: RiskLevelSchema,
  riskCategories: z.array(RiskCategorySchema),
  reasons: z.array(z.string()),
  priority: z.number(),
  assignee: z.string().nullable(),
  slaDueAt: z.iso.datetime(),
  slaBreached: z.boolean(),
  createdAt: z.iso.datetime(),
});
/** The columns the table shows; both the API's parsed answer and the use cases' QueueItem fit. */
export interface QueueRow {
  readonly id: string;
  readonly status: string;
  readonly riskLevel: string;
  readonly riskCategories: readonly string[];
  readonly reasons: readonly string[];
  readonly priority: number;
  readonly slaDueAt: string;
  readonly slaBreached: boolean;
  readonly createdAt: string;
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${minutes % 60 ? ` ${minutes % 60}m` : ""}`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

function sla(item: QueueRow, now: Date): string {
  const left = Date.parse(item.slaDueAt) - now.getTime();
  if (item.slaBreached || left < 0) return `BREACHED ${formatDuration(-left)} ago`;
  return `due in ${formatDuration(left)}`;
}

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

export function formatQueueTable(items: readonly QueueRow[], now: Date): string[] {
  if (items.length === 0) return ["The queue is empty."];
  const header = ["ID", "PRI", "LEVEL", "STATUS", "CATEGORIES", "REASONS", "AGE", "SLA"];
  const rows = items.map((item) => [
    item.id,
    String(item.priority),
    item.riskLevel,
    item.status,
    clip(item.riskCategories.join(",") || "-", 40),
    clip(item.reasons.join(", ") || "-", 60),
    formatDuration(now.getTime() - Date.parse(item.createdAt)),
    sla(item, now),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
