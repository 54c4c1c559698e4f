/**
 * Memory as an operator sees it: `kinlink start` in its own process (the compiled copy `bin/kinlink.js`
 * runs, no tsx loader, none of the bench's code), N families parked mid-intake over signed
 * webhooks, then the process left alone for a while, as a server between bursts is. Its resident
 * memory is read from /proc/<pid>/status (VmRSS) every half second: the figure when the last family
 * parked (loaded), after the quiet period (kinlink start runs one compacting full collection once
 * it has had no request for 10 s, src/cli/quietGc.ts: this is the trimmed figure), and the peak. The bench
 * forces no collection. Its CPU during the load is read from /proc/<pid>/stat, and its V8 heap
 * (used and committed) from Node's diagnostic report, which the process writes on SIGUSR2.
 *
 * The in-process memory run (bench/run.ts `runMemory`) stays: it forces a GC and reports the heap
 * and each collection's documents, but its process also carries tsx and the bench's own code.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
  /** When the last family parked, before the quiet period: the loaded figure. */
  readonly rssLoadedMB: number;
  /** At the end of the quiet period after the families parked. */
  readonly rssMB: number;
  readonly quietSeconds: number;
  readonly peakRssMB: number;
  /** V8 heap, used and committed, when the last family parked and at the end of the quiet period (undefined if no report came). */
  readonly heapLoaded: HeapFigures | undefined;
  readonly heapQuiet: HeapFigures | undefined;
  /** Server CPU (user + system) while the families parked, per inbound message. */
  readonly cpuMsPerMessage: number;
  readonly stalled: number;
}

export interface HeapFigures {
  readonly usedMB: number;
  readonly committedMB: number;
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

/** CPU time (user + system) of a live process, in ms (Linux; USER_HZ is 100 on every mainstream kernel). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The process's V8 heap from a diagnostic report (`--report-on-signal`: Node writes it on SIGUSR2
 * by itself, no JavaScript of ours and no collection), or undefined after 5 s.
 */
async function reportedHeap(pid: number, dir: string): Promise<HeapFigures | undefined> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 5_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const file = readdirSync(dir).find((name) => !before.has(name) && name.endsWith(".json"));
    if (file === undefined) continue;
    try {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as { javascriptHeap: { usedMemory: number; totalCommittedMemory: number } };
      return { usedMB: Math.round(report.javascriptHeap.usedMemory / MB), committedMB: Math.round(report.javascriptHeap.totalCommittedMemory / MB) };
    } catch {
      // Still being written.
    }
  }
  return undefined;
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
  const reportDir = join(dataDir, "reports");
  const nodeOptions = [...options.nodeFlags, "--report-on-signal", "--report-signal=SIGUSR2", `--report-directory=${reportDir}`, "--report-compact"];
  const server = await KinlinkProcess.create(join(dataDir, "data"), { ...options.storeEnv, ...channelEnv(fakes), NODE_OPTIONS: nodeOptions.join(" ") });
  let sampler: NodeJS.Timeout | undefined;
  try {
    await server.start();
    const pid = server.pid;
    if (pid === undefined) throw new Error("kinlink start has no pid");
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idle = residentBytes(pid);
    let peak = idle;
    sampler = setInterval(() => {
      try {
        peak = Math.max(peak, residentBytes(pid));
      } catch {
        // The process ended: the run fails below when the driver stalls.
      }
    }, 500);
    const driver = new LoadDriver({ url: server.url, fakes, target: HOOKS, expected: options.expected, concurrency: options.concurrency, disclosureFraction: options.disclosureFraction, thinkMs: 0, distinctIps: options.distinctIps, firstFamily: 1 });
    log(`memory (kinlink start): ${options.families} families to step ${options.steps}, then ${options.quietSeconds} s quiet`);
    const cpuBefore = cpuMs(pid);
    driver.startWindow();
    await driver.park(options.families, options.steps, (done) => log(`  ${done} parked`));
    const counters = driver.endWindow();
    const cpuLoad = cpuMs(pid) - cpuBefore;
    const loaded = residentBytes(pid);
    peak = Math.max(peak, loaded);
    driver.close();
    mkdirSync(reportDir, { recursive: true });
    const heapLoaded = await reportedHeap(pid, reportDir);
    await new Promise((resolve) => setTimeout(resolve, options.quietSeconds * 1_000));
    const quiet = residentBytes(pid);
    const heapQuiet = await reportedHeap(pid, reportDir);
    return {
      families: options.families,
      stepsEach: options.steps,
      rssIdleMB: Math.round(idle / MB),
      rssLoadedMB: Math.round(loaded / MB),
      rssMB: Math.round(quiet / MB),
      quietSeconds: options.quietSeconds,
      peakRssMB: Math.round(Math.max(peak, quiet) / MB),
      heapLoaded,
      heapQuiet,
      cpuMsPerMessage: Math.round((cpuLoad / Math.max(1, counters.sent)) * 1000) / 1000,
      stalled: counters.stalled,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await server.stop();
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
