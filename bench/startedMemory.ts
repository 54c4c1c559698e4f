/**
 * Memory as an operator sees it: `kinlink start` in its own process (the compiled copy `bin/kinlink.js`
 * runs, no tsx loader, none of the bench's code), N families parked mid-intake over signed
 * webhooks, then the process left alone for a while, as a server between bursts is. Its resident
 * memory is read from /proc/<pid>/status (VmRSS) every half second: the figure after the quiet
 * period, and the peak. No forced garbage collection: V8 gives memory back on its own once idle.
 *
 * The in-process memory run (bench/run.ts `runMemory`) stays: it forces a GC and reports the heap
 * and each collection's documents, but its process also carries tsx and the bench's own code.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOT_TOKEN, channelEnv, HOOKS } from "./benchEnv.js";
import { startFakeApis } from "./fakeApis.js";
import { KinlinkProcess } from "./kinlinkProcess.js";
import { LoadDriver, type ExpectedReplies } from "./load.js";

const MB = 1024 * 1024;

export interface StartedMemoryFigures {
  readonly families: number;
  readonly stepsEach: number;
  /** 5 s after start, before any family. */
  readonly rssIdleMB: number;
  /** At the end of the quiet period after the families parked. */
  readonly rssMB: number;
  readonly quietSeconds: number;
  readonly peakRssMB: number;
  readonly stalled: number;
}

export interface StartedMemoryOptions {
  readonly families: number;
  readonly steps: number;
  readonly concurrency: number;
  readonly disclosureFraction: number;
  readonly distinctIps: boolean;
  readonly quietSeconds: number;
  readonly storeEnv: Record<string, string>;
  /** Node/V8 flags for kinlink's process (`--node-flags`), given to it as NODE_OPTIONS. */
  readonly nodeFlags: readonly string[];
  /** Replies per step, from the in-process run's calibration (same dialogs, same settings). */
  readonly expected: ExpectedReplies;
}

/** VmRSS of a live process, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

export async function runStartedMemory(options: StartedMemoryOptions, log: (line: string) => void): Promise<StartedMemoryFigures> {
  const fakes = await startFakeApis(BOT_TOKEN);
  const dataDir = mkdtempSync(join(tmpdir(), "kinlink-bench-memory-"));
  const flags: Record<string, string> = options.nodeFlags.length > 0 ? { NODE_OPTIONS: options.nodeFlags.join(" ") } : {};
  const server = await KinlinkProcess.create(dataDir, { ...options.storeEnv, ...channelEnv(fakes), ...flags });
  let sampler: NodeJS.Timeout | undefined;
  try {
    await server.start();
    const pid = server.pid;
    if (pid === undefined) throw new Error("kinlink start has no pid");
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idle = residentBytes(pid);
    let peak = idle;
    let last = idle;
    sampler = setInterval(() => {
      try {
        last = residentBytes(pid);
        peak = Math.max(peak, last);
      } catch {
        // The process ended: the run fails below when the driver stalls.
      }
    }, 500);
    const driver = new LoadDriver({ url: server.url, fakes, target: HOOKS, expected: options.expected, concurrency: options.concurrency, disclosureFraction: options.disclosureFraction, thinkMs: 0, distinctIps: options.distinctIps, firstFamily: 1 });
    log(`memory (kinlink start): ${options.families} families to step ${options.steps}, then ${options.quietSeconds} s quiet`);
    driver.startWindow();
    await driver.park(options.families, options.steps, (done) => log(`  ${done} parked`));
    const counters = driver.endWindow();
    driver.close();
    await new Promise((resolve) => setTimeout(resolve, options.quietSeconds * 1_000));
    return {
      families: options.families,
      stepsEach: options.steps,
      rssIdleMB: Math.round(idle / MB),
      rssMB: Math.round(last / MB),
      quietSeconds: options.quietSeconds,
      peakRssMB: Math.round(peak / MB),
      stalled: counters.stalled,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await server.stop();
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
