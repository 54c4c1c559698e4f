/**
 * `npm run bench -- --soak MINUTES`: is memory flat over time? kinlink (in its own process, see
 * target.ts) first runs 10 s at full load to find its sustained rate, then the families write at
 * half that rate for MINUTES while RSS and heap (after a full GC) are printed every 30 s. Verdict:
 * flat when the average of the last third of the samples is within 10% of the first third's,
 * leaving out the warm-up (the first 10% of the run, at least one sample).
 *
 * The embedded store keeps an entry per document in memory for its retention (7 days for the inbox
 * and outbox, 90 for transcripts), so stored documents are printed next to memory, and a second
 * verdict tells data from a leak: after the run, a fresh server process opens the same data
 * directory, and its heap after a full GC (idle code plus the store's entries for exactly those
 * documents) is set against the soaked server's. What the soaked server holds beyond it is what
 * the traffic left behind: no leak when it is within 16 MB or 10 %.
 */
import { BOT_TOKEN, channelEnv, HOOKS } from "./benchEnv.js";
import { calibrate } from "./calibrate.js";
import { startFakeApis } from "./fakeApis.js";
import { LoadDriver } from "./load.js";
import { Target, type GcStats } from "./protocol.js";
import { round } from "./stats.js";

const SAMPLE_EVERY_MS = 30_000;
const MB = 1024 * 1024;

export interface SoakOptions {
  readonly minutes: number;
  readonly families: number;
  readonly disclosures: number;
  readonly storeEnv: Record<string, string>;
}

export interface SoakSample {
  readonly atSeconds: number;
  readonly sent: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
  readonly storedDocuments: number;
}

export interface SoakReport {
  readonly minutes: number;
  readonly sustainedPerSecond: number;
  readonly ratePerSecond: number;
  readonly samples: readonly SoakSample[];
  readonly firstThirdRssMB: number;
  readonly lastThirdRssMB: number;
  readonly change: number;
  readonly flat: boolean;
  /** The leak check: the soaked server's heap after the run, and a fresh server's on the same data. */
  readonly reload: ReloadCheck;
}

export interface ReloadCheck {
  readonly storedDocuments: number;
  readonly soakedHeapMB: number;
  readonly reloadedHeapMB: number;
  readonly beyondDataMB: number;
  readonly leakFree: boolean;
}

/** Within this much of the reloaded heap (the larger of the two), nothing but data stayed. */
const LEAK_MB = 16;
const LEAK_FRACTION = 0.1;

export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const fakes = await startFakeApis(BOT_TOKEN);
  const target = new Target();
  try {
    const env = { ...options.storeEnv, ...channelEnv(fakes) };
    const { url, dataDir } = await target.ask<{ url: string; dataDir: string }>({ type: "start", kind: "kinlink", env });
    const calibration = await calibrate(url, fakes, () => target.ask({ type: "idle" }), HOOKS, 90_000_000);
    const driverFor = (firstFamily: number, ratePerSecond?: number): LoadDriver =>
      new LoadDriver({ url, fakes, target: HOOKS, expected: calibration.expected, concurrency: options.families, disclosureFraction: options.disclosures, thinkMs: 0, distinctIps: true, firstFamily, ...(ratePerSecond ? { ratePerSecond } : {}) });
    const sustained = await sustainedRate(driverFor(1));
    const rate = Math.max(1, Math.round(sustained / 2));
    log(`soak: sustained ${sustained} msg/s; ${options.minutes} min at ${rate} msg/s`);
    const samples = await pacedRun(driverFor(5_000_000, rate), target, options.minutes, log);
    const reload = await reloadCheck(target, env, dataDir, log);
    return { minutes: options.minutes, sustainedPerSecond: sustained, ratePerSecond: rate, samples, ...verdict(samples, options.minutes * 6), reload };
  } finally {
    await target.stop();
    await fakes.close();
  }
}

/** Inbound messages per second at full load, over 10 s after 3 s of warm-up. */
async function sustainedRate(driver: LoadDriver): Promise<number> {
  const running = driver.sustain();
  await sleep(3_000);
  driver.startWindow();
  await sleep(10_000);
  const counters = driver.endWindow();
  await stop(driver, running);
  return round(counters.sent / 10);
}

async function pacedRun(driver: LoadDriver, target: Target, minutes: number, log: (line: string) => void): Promise<SoakSample[]> {
  const samples: SoakSample[] = [];
  const started = performance.now();
  driver.startWindow();
  const running = driver.sustain();
  while (performance.now() - started < minutes * 60_000) {
    await sleep(SAMPLE_EVERY_MS);
    const gc = await target.ask<GcStats>({ type: "gc" });
    const sample = {
      atSeconds: Math.round((performance.now() - started) / 1000),
      sent: driver.counters.sent,
      rssMB: round(gc.rss / MB),
      heapUsedMB: round(gc.heapUsed / MB),
      storedDocuments: Object.values(gc.collections).reduce((sum, count) => sum + count, 0),
    };
    samples.push(sample);
    log(`  ${String(sample.atSeconds).padStart(5)} s  sent ${sample.sent}  RSS ${sample.rssMB} MB  heap ${sample.heapUsedMB} MB  documents ${sample.storedDocuments}`);
  }
  await stop(driver, running);
  return samples;
}

/** The soaked server's heap once the last replies went, against a fresh server's on the same data. */
async function reloadCheck(target: Target, env: Record<string, string>, dataDir: string, log: (line: string) => void): Promise<ReloadCheck> {
  await sleep(5_000);
  const soaked = await target.ask<GcStats>({ type: "gc" });
  await target.stop({ keepData: true });
  const fresh = new Target();
  try {
    await fresh.ask({ type: "start", kind: "kinlink", env, dataDir });
    const reloaded = await fresh.ask<GcStats>({ type: "gc" });
    const soakedHeapMB = round(soaked.heapUsed / MB);
    const reloadedHeapMB = round(reloaded.heapUsed / MB);
    const beyondDataMB = round(soakedHeapMB - reloadedHeapMB);
    const storedDocuments = Object.values(reloaded.collections).reduce((sum, count) => sum + count, 0);
    log(`  reload: ${storedDocuments} documents; heap ${soakedHeapMB} MB soaked, ${reloadedHeapMB} MB in a fresh process on the same data`);
    return { storedDocuments, soakedHeapMB, reloadedHeapMB, beyondDataMB, leakFree: beyondDataMB <= Math.max(LEAK_MB, reloadedHeapMB * LEAK_FRACTION) };
  } finally {
    await fresh.stop();
  }
}

async function stop(driver: LoadDriver, running: Promise<void>): Promise<void> {
  driver.stopping = true;
  await running;
  await driver.drain();
  driver.close();
}

/** First third against last third of the samples after the warm-up (the first 10%, at least one sample). */
export function verdict(samples: readonly SoakSample[], expectedSamples: number): Pick<SoakReport, "firstThirdRssMB" | "lastThirdRssMB" | "change" | "flat"> {
  const measured = samples.slice(Math.max(1, Math.round(expectedSamples / 10)));
  const third = Math.max(1, Math.floor(measured.length / 3));
  const average = (part: readonly SoakSample[]): number => part.reduce((sum, s) => sum + s.rssMB, 0) / Math.max(1, part.length);
  const first = average(measured.slice(0, third));
  const last = average(measured.slice(-third));
  const change = first > 0 ? (last - first) / first : Number.NaN;
  return { firstThirdRssMB: round(first), lastThirdRssMB: round(last), change: round(change, 3), flat: measured.length >= 3 && Math.abs(change) <= 0.1 };
}

export function soakSummary(report: SoakReport): string {
  const verdictText = report.flat ? "FLAT" : "NOT FLAT";
  const { reload } = report;
  const leak = reload.leakFree ? "NO LEAK" : "LEAK?";
  return [
    `soak ${report.minutes} min at ${report.ratePerSecond} msg/s (half of ${report.sustainedPerSecond}): RSS first third ${report.firstThirdRssMB} MB, last third ${report.lastThirdRssMB} MB (${round(report.change * 100)} %): ${verdictText}`,
    `beyond the stored data (${reload.storedDocuments} documents): heap ${reload.soakedHeapMB} MB after the soak, ${reload.reloadedHeapMB} MB in a fresh process on the same data, ${reload.beyondDataMB} MB more: ${leak}`,
  ].join("\n");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
