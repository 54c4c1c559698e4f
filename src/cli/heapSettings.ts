/**
 * How `kinlink start` keeps its V8 heap near what it holds. Left alone, V8 lets garbage build up to
 * two to four times the live heap before a full collection (more when collecting looks costly),
 * and the memory reducer that should give the excess back once idle does not run in this server:
 * 10,000 conversations are ~170 MB of live heap but 580 MB committed, 700-800 MB resident, and
 * still so minutes later. Two settings, read from the environment before the store loads:
 *
 * - KINLINK_HEAP_GROWTH_PERCENT (default 100): after each full collection V8 lets the heap grow by
 *   this percentage of what survived before it collects again (V8's `--heap-growing-percent`, read
 *   at every collection, so setting it at start-up takes effect). Lower: less memory, more frequent
 *   full collections (CPU). 0 leaves V8's own heuristics.
 * - KINLINK_QUIET_GC_SECONDS (default 10): after this long without an HTTP request (see quietGc.ts),
 *   one compacting full collection, which gives the free space back. 0 turns it off.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { z } from "zod";
import { ConfigError } from "../config/config.js";

/**
 * Measured with 10,000 conversations (README, Performance): V8's own choice peaked at ~800 MB
 * resident; 100 % kept the loaded process near 520 MB for ~9 % more CPU per message, 40 % near
 * 440 MB for 15-30 % more. The quiet collection trims either to ~270 MB afterwards.
 */
const DEFAULT_HEAP_GROWTH_PERCENT = 100;
const DEFAULT_QUIET_GC_SECONDS = 10;

const wholeNumber = z.string().regex(/^\d{1,6}$/, "must be a whole number").transform(Number);

const EnvSchema = z.object({
  // Below 10 % V8 would collect almost continuously for little gain.
  KINLINK_HEAP_GROWTH_PERCENT: wholeNumber
    .refine((percent) => percent === 0 || (percent >= 10 && percent <= 1_000), "must be 0 (V8's default) or 10 to 1000")
    .default(DEFAULT_HEAP_GROWTH_PERCENT),
  KINLINK_QUIET_GC_SECONDS: wholeNumber.refine((seconds) => seconds <= 86_400, "must be 0 (off) to 86400").default(DEFAULT_QUIET_GC_SECONDS),
});

export interface HeapSettings {
  /** V8's `--heap-growing-percent`; 0: V8's default. */
  readonly growthPercent: number;
  /** Quiet time before one full collection; 0: never. */
  readonly quietGcMs: number;
}

export function readHeapSettings(env: Readonly<Record<string, string | undefined>>): HeapSettings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid memory settings: ${problems.join("; ")}`);
  }
  return { growthPercent: parsed.data.KINLINK_HEAP_GROWTH_PERCENT, quietGcMs: parsed.data.KINLINK_QUIET_GC_SECONDS * 1_000 };
}

/** Applies the growth setting to this process's V8 heap; call before the store loads. */
export function applyHeapGrowth(settings: HeapSettings): void {
  if (settings.growthPercent > 0) setFlagsFromString(`--heap-growing-percent=${settings.growthPercent}`);
}

/**
 * A synchronous full collection that also compacts every fragmented page, so the free space goes
 * back to the system: a plain full collection frees only pages left empty and, after a burst,
 * leaves most of the heap committed (10,000 conversations: 276 MB committed for 162 MB live).
 * Node has no API for it (nor for V8's memory reducer, which would do the same): exposing `gc`
 * after start-up puts it on contexts created from then on, so a fresh context hands it over, and
 * V8's compaction flag is read when the collection starts, so it is set for this one only.
 */
export function compactingGc(): () => void {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  if (typeof gc !== "function") throw new Error("V8 did not expose gc");
  return () => {
    setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      setFlagsFromString("--no-compact-on-every-full-gc");
    }
  };
}
