/**
 * kinlink's benchmark (issue #7): `npm run bench [-- options]`.
 *
 *   load    kinlink (embedded store; MONGODB_URI for MongoDB) with its Telegram and WhatsApp channels
 *           pointed at local fake APIs, N families playing the intake at full load over signed
 *           webhooks (closed loop: the maximum throughput); then the echo baseline on the same
 *           harness; the ratio between the two. With `--rate 250,500,…` the load is offered at
 *           each fixed rate instead (open loop: the latency at that rate, and whether it held).
 *   memory  RSS with 10,000 conversations parked mid-intake: of `kinlink start` when loaded and after
 *           a quiet period; of the bench's own server process after a forced GC.
 *   queue   queue listing and claim latency with 100,000 escalations.
 *
 * Instead of those: `--faults` runs the fault scenarios (bench/faultBench.ts: kill -9 and restart,
 * failing channel APIs) and exits non-zero if one fails; `--soak MINUTES` runs at half the sustained
 * rate and reports whether memory stays flat (bench/soak.ts).
 *
 * The server runs in its own process (bench/target.ts), so its CPU and RSS are its own; this process
 * is the load generator and the fake APIs. Loopback only.
 *
 * Options: --families 200  --warmup 5  --duration 30  --disclosures 0.1  --think 0 (ms)  --rate 250,500
 *          --memory-families 10000  --memory-steps 10  --escalations 100000
 *          --only load,memory,queue  --no-echo  --one-ip  --profile (writes bench/profiles/*.cpuprofile)
 *          --json (one line of JSON instead of the table)
 */
import { cpus, totalmem, type, release } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { calibrate, echoExpectations } from "./calibrate.js";
import { BOT_TOKEN, channelEnv, HOOKS, storeEnv } from "./benchEnv.js";
import { startFakeApis } from "./fakeApis.js";
import { faultTable, runFaultBench } from "./faultBench.js";
import { faultProblems } from "./faultRuns.js";
import { runSoak, soakSummary } from "./soak.js";
import { runStartedMemory, type StartedMemoryFigures } from "./startedMemory.js";
import { LoadDriver, type ExpectedReplies, type LoadCounters } from "./load.js";
import { Target, type CollectionFootprint, type GcStats, type QueueFigures, type TargetStats } from "./protocol.js";
import { round, summarize, type Summary } from "./stats.js";

const MB = 1024 * 1024;

function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) continue;
    // At the first "=" only: `--node-flags=--max-semi-space-size=32` keeps its value whole.
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const next = argv[i + 1];
    if (inline !== undefined) args.set(name, inline);
    else if (next !== undefined && !next.startsWith("--")) {
      args.set(name, next);
      i++;
    } else args.set(name, "true");
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const KNOWN = new Set(["faults", "soak", "families", "warmup", "duration", "disclosures", "think", "rate", "memory-families", "memory-steps", "escalations", "only", "no-echo", "one-ip", "profile", "json", "node-flags"]);
const unknown = [...args.keys()].filter((name) => !KNOWN.has(name));
if (args.has("help") || unknown.length > 0) {
  // A typo must not start a ten-minute run.
  if (unknown.length > 0 && !args.has("help")) process.stderr.write(`unknown option ${unknown.map((u) => `--${u}`).join(", ")}\n`);
  process.stdout.write(`usage: npm run bench -- [--faults | --soak MINUTES] [--families 200] [--warmup 5] [--duration 30] [--disclosures 0.1] [--think 0]
  [--rate 250,500,750,1000] [--memory-families 10000] [--memory-steps 10] [--escalations 100000] [--only load,memory,queue]
  [--no-echo] [--one-ip] [--profile] [--json] [--node-flags=--max-semi-space-size=32]
`);
  process.exit(args.has("help") && unknown.length === 1 ? 0 : 2);
}
const num = (name: string, fallback: number): number => {
  const value = Number(args.get(name) ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a non-negative number`);
  return value;
};
/** `--rate 250,500`: the offered rates of the open-loop runs, in messages per second. */
function rateList(value: string | undefined): number[] {
  if (value === undefined) return [];
  const rates = value.split(",").map(Number);
  if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) throw new RangeError("--rate takes positive numbers separated by commas");
  return rates;
}
const options = {
  families: num("families", 200),
  warmup: num("warmup", 5),
  duration: num("duration", 30),
  disclosures: num("disclosures", 0.1),
  think: num("think", 0),
  rates: rateList(args.get("rate")),
  memoryFamilies: num("memory-families", 10_000),
  memorySteps: num("memory-steps", 10),
  escalations: num("escalations", 100_000),
  only: new Set((args.get("only") ?? "load,memory,queue").split(",")),
  echo: !args.has("no-echo"),
  distinctIps: !args.has("one-ip"),
  profile: args.has("profile"),
  /** V8/Node flags for kinlink's process only (e.g. the young generation's size), space-separated. */
  nodeFlags: (args.get("node-flags") ?? "").split(" ").filter((flag) => flag !== ""),
  json: args.has("json"),
  faults: args.has("faults"),
  soakMinutes: args.has("soak") ? num("soak", 10) : undefined,
};
const log = (line: string): void => {
  if (!options.json) process.stderr.write(`${line}\n`);
};
const STORE_ENV = storeEnv();
const profileDir = join(fileURLToPath(new URL(".", import.meta.url)), "profiles");

interface LoadFigures {
  readonly server: "kinlink" | "echo";
  readonly backend: string;
  readonly families: number;
  /** Open loop: the messages per second offered; absent for the closed loop (as fast as replies come). */
  readonly offeredPerSecond?: number;
  /** Open loop: the offered rate held (within 5 %) with no stalled family and no webhook refused. */
  readonly sustained?: boolean;
  readonly seconds: number;
  readonly inboundPerSecond: number;
  readonly turnsPerSecond: number;
  /** Webhook sent -> first reply at the fake API, ms. */
  readonly firstReply: Summary;
  /** Webhook sent -> last reply of the turn at the fake API, ms. */
  readonly wholeTurn: Summary;
  /** Server process CPU over the window, % of one core. */
  readonly cpuPercent: number;
  readonly cpuMsPerMessage: number;
  /** The server's event loop delay over the window: queueing behind synchronous work, ms. */
  readonly loopDelayMs: TargetStats["loopDelayMs"];
  /** The load generator's own CPU (this process), % of one core: near 100 means it may be the limit. */
  readonly driverCpuPercent: number;
  readonly peakRssMB: number;
  readonly statuses: Record<string, number>;
  readonly retries: number;
  readonly stalled: number;
  readonly extraReplies: number;
  readonly familiesFinished: number;
  readonly calibration?: ExpectedReplies;
  readonly problems: string[];
}

/**
 * Families in an open-loop run: enough that each writes about once a second at the offered rate, so
 * that one is always ready while replies are faster than a second (the pacer, not the replies, sets
 * the pace), and few enough that each plays whole intakes within a run, as in the closed loop.
 */
function openLoopFamilies(rate: number): number {
  return Math.max(options.families, Math.ceil(rate));
}

/** `rate` undefined: the closed loop (each family answers as soon as its replies arrive). */
async function runLoad(server: "kinlink" | "echo", rate?: number): Promise<LoadFigures> {
  const families = rate === undefined ? options.families : openLoopFamilies(rate);
  const fakes = await startFakeApis(BOT_TOKEN);
  const target = new Target(server === "kinlink" ? [...options.nodeFlags, ...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])] : []);
  try {
    const started =
      server === "kinlink"
        ? await target.ask<{ url: string; backend: string }>({ type: "start", kind: "kinlink", env: { ...STORE_ENV, ...channelEnv(fakes) } })
        : await target.ask<{ url: string }>({
            type: "start",
            kind: "echo",
            echo: { botToken: BOT_TOKEN, telegramSecret: HOOKS.telegramSecret, telegramApiRoot: fakes.url, appSecret: HOOKS.appSecret, phoneNumberId: HOOKS.phoneNumberId, graphUrl: fakes.url },
          });
    const backend = "backend" in started && typeof started.backend === "string" ? started.backend : "none";
    let expected = echoExpectations();
    const problems: string[] = [];
    if (server === "kinlink") {
      const calibration = await calibrate(started.url, fakes, () => target.ask({ type: "idle" }), HOOKS, 90_000_000);
      expected = calibration.expected;
      problems.push(...calibration.problems);
      for (const problem of calibration.problems) log(`  calibration: ${problem}`);
    }
    const driver = new LoadDriver({ url: started.url, fakes, target: HOOKS, expected, concurrency: families, disclosureFraction: options.disclosures, thinkMs: options.think, distinctIps: options.distinctIps, firstFamily: 1, ...(rate === undefined ? {} : { ratePerSecond: rate }) });
    log(`${server}: ${families} families${rate === undefined ? "" : ` offering ${rate} msg/s`}, warm-up ${options.warmup} s, measuring ${options.duration} s`);
    const running = driver.sustain();
    await sleep(options.warmup * 1000);
    await target.ask({ type: "resetLoopDelay" });
    const before = await target.ask<TargetStats>({ type: "stats" });
    const driverBefore = process.cpuUsage();
    const windowStart = performance.now();
    driver.startWindow();
    let peakRss = before.rss;
    const sampler = setInterval(() => {
      void target.ask<TargetStats>({ type: "stats" }).then((s) => (peakRss = Math.max(peakRss, s.rss)), () => undefined);
    }, 250);
    await sleep(options.duration * 1000);
    const counters = driver.endWindow();
    const seconds = (performance.now() - windowStart) / 1000;
    const after = await target.ask<TargetStats>({ type: "stats" });
    const driverCpu = process.cpuUsage(driverBefore);
    clearInterval(sampler);
    driver.stopping = true;
    await running;
    await driver.drain();
    driver.close();
    const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
    const wallMs = after.wallMs - before.wallMs;
    const inboundPerSecond = counters.sent / seconds;
    return {
      server,
      backend,
      families,
      ...(rate === undefined ? {} : { offeredPerSecond: rate, sustained: heldRate(rate, inboundPerSecond, counters) }),
      seconds: round(seconds, 2),
      inboundPerSecond: round(inboundPerSecond),
      turnsPerSecond: round(counters.completedTurns / seconds),
      firstReply: summarize(counters.firstLatencies),
      wholeTurn: summarize(counters.turnLatencies),
      cpuPercent: round((cpuMs / wallMs) * 100),
      cpuMsPerMessage: round(cpuMs / Math.max(1, counters.sent), 3),
      loopDelayMs: after.loopDelayMs,
      driverCpuPercent: round(((driverCpu.user + driverCpu.system) / 1000 / (seconds * 1000)) * 100),
      // Sampled: getrusage's maxRSS in a forked child also counts the parent's memory at the fork.
      peakRssMB: round(Math.max(peakRss, after.rss) / MB),
      statuses: counters.statuses,
      retries: counters.retries,
      stalled: counters.stalled,
      extraReplies: counters.extraReplies,
      familiesFinished: counters.familiesFinished,
      ...(server === "kinlink" ? { calibration: expected } : {}),
      problems,
    };
  } finally {
    await target.stop();
    await fakes.close();
  }
}

function heldRate(rate: number, achieved: number, counters: LoadCounters): boolean {
  return achieved >= rate * 0.95 && counters.stalled === 0 && counters.retries === 0;
}

interface MemoryFigures {
  readonly conversations: number;
  readonly stepsEach: number;
  readonly seconds: number;
  readonly rssIdleMB: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
  readonly heapTotalMB: number;
  readonly externalMB: number;
  readonly arrayBuffersMB: number;
  readonly peakRssMB: number;
  readonly gcExposed: boolean;
  readonly collections: Record<string, number>;
  /** Measured after the figures above (it copies every document out). */
  readonly footprint: Record<string, CollectionFootprint>;
  readonly stalled: number;
  /** The same families against `kinlink start` in its own process (bench/startedMemory.ts): the figure the target is about. */
  readonly started: StartedMemoryFigures;
}

async function runMemory(): Promise<MemoryFigures> {
  const { expected, ...inProcess } = await runInProcessMemory();
  const started = await runStartedMemory(
    { families: options.memoryFamilies, steps: options.memorySteps, concurrency: Math.min(options.families, options.memoryFamilies), disclosureFraction: options.disclosures, distinctIps: options.distinctIps, quietSeconds: 30, storeEnv: STORE_ENV, nodeFlags: options.nodeFlags, expected },
    log,
  );
  return { ...inProcess, started };
}

async function runInProcessMemory(): Promise<Omit<MemoryFigures, "started"> & { readonly expected: ExpectedReplies }> {
  const fakes = await startFakeApis(BOT_TOKEN);
  const target = new Target();
  try {
    const started = await target.ask<{ url: string }>({ type: "start", kind: "kinlink", env: { ...STORE_ENV, ...channelEnv(fakes) } });
    const calibration = await calibrate(started.url, fakes, () => target.ask({ type: "idle" }), HOOKS, 90_000_000);
    const idle = await target.ask<GcStats>({ type: "gc" });
    const driver = new LoadDriver({ url: started.url, fakes, target: HOOKS, expected: calibration.expected, concurrency: Math.min(options.families, options.memoryFamilies), disclosureFraction: options.disclosures, thinkMs: 0, distinctIps: options.distinctIps, firstFamily: 1 });
    log(`memory: ${options.memoryFamilies} families to step ${options.memorySteps} of the intake, ${Math.min(options.families, options.memoryFamilies)} at a time`);
    const t0 = performance.now();
    let peakRss = idle.rss;
    const sampler = setInterval(() => {
      void target.ask<TargetStats>({ type: "stats" }).then((s) => (peakRss = Math.max(peakRss, s.rss)), () => undefined);
    }, 500);
    driver.startWindow();
    await driver.park(options.memoryFamilies, options.memorySteps, (done) => log(`  ${done} parked`));
    const counters = driver.endWindow();
    clearInterval(sampler);
    driver.close();
    const seconds = (performance.now() - t0) / 1000;
    await target.ask({ type: "idle" });
    const gc = await target.ask<GcStats>({ type: "gc" });
    const footprint = await target.ask<Record<string, CollectionFootprint>>({ type: "footprint" });
    return {
      conversations: gc.collections["conversations"] ?? 0,
      stepsEach: options.memorySteps,
      seconds: round(seconds, 1),
      rssIdleMB: round(idle.rss / MB),
      rssMB: round(gc.rss / MB),
      heapUsedMB: round(gc.heapUsed / MB),
      heapTotalMB: round(gc.heapTotal / MB),
      externalMB: round(gc.external / MB),
      arrayBuffersMB: round(gc.arrayBuffers / MB),
      peakRssMB: round(Math.max(peakRss, gc.rss) / MB),
      gcExposed: gc.gcExposed,
      collections: gc.collections,
      footprint,
      stalled: counters.stalled,
      expected: calibration.expected,
    };
  } finally {
    await target.stop();
    await fakes.close();
  }
}

async function runQueue(): Promise<QueueFigures> {
  const target = new Target();
  try {
    // No channels; the sweeper held off so it does not run during the timings (its SLA query is timed on its own).
    await target.ask({ type: "start", kind: "kinlink", env: STORE_ENV, sweepIntervalMs: 3_600_000 });
    log(`queue: inserting ${options.escalations} escalations`);
    return await target.ask<QueueFigures>({ type: "queue", escalations: options.escalations });
  } finally {
    await target.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface OpenLoopRun {
  readonly kinlink: LoadFigures;
  readonly echo?: LoadFigures;
}

/** kinlink (then the echo bot) at each `--rate`, each on a fresh server. */
async function runOpenLoop(): Promise<OpenLoopRun[]> {
  const runs: OpenLoopRun[] = [];
  for (const rate of options.rates) {
    const kinlink = await runLoad("kinlink", rate);
    runs.push(options.echo ? { kinlink, echo: await runLoad("echo", rate) } : { kinlink });
  }
  return runs;
}

/** The issue's latency target applies at 1,000 msg/s offered: held, with p99 <= 100 ms. */
function openLoopTargets(runs: readonly OpenLoopRun[]): Record<string, boolean> {
  const at1000 = runs.find((run) => (run.kinlink.offeredPerSecond ?? 0) >= 1000)?.kinlink;
  return at1000 ? { sustained1000: at1000.sustained === true, p99At1000: at1000.firstReply.p99 <= 100 } : {};
}

function openLoopRows(run: OpenLoopRun): [string, string, string][] {
  const row = (figures: LoadFigures, who: string): [string, string, string] => [
    `${who} at ${figures.offeredPerSecond} msg/s offered (${figures.families} families): held?, first reply p50 / p95 / p99, CPU ms/message, event loop delay`,
    `${figures.sustained ? "held" : "NOT held"} (${figures.inboundPerSecond}/s), ${fmt(figures.firstReply)}, ${figures.cpuMsPerMessage} ms, loop delay p99 ${round(figures.loopDelayMs.p99)} ms`,
    who === "kinlink" ? "p99 <= 100 ms at 1000" : "",
  ];
  return run.echo ? [row(run.kinlink, "kinlink"), row(run.echo, "echo")] : [row(run.kinlink, "kinlink")];
}

const fmt = (s: Summary): string => `${round(s.p50)} / ${round(s.p95)} / ${round(s.p99)} ms`;

function table(result: Record<string, unknown>, kinlink?: LoadFigures, echo?: LoadFigures, memory?: MemoryFigures, queue?: QueueFigures, openLoop: readonly OpenLoopRun[] = []): string {
  const rows: [string, string, string][] = openLoop.flatMap(openLoopRows);
  const machine = result["machine"] as Record<string, unknown>;
  if (kinlink) {
    rows.push(["inbound messages/s sustained", String(kinlink.inboundPerSecond), ">= 1000"]);
    rows.push(["reply latency p50 / p95 / p99 (first reply; closed loop, so = families / rate)", fmt(kinlink.firstReply), "see --rate"]);
    rows.push(["whole turn p50 / p95 / p99 (last reply)", fmt(kinlink.wholeTurn), ""]);
    rows.push(["server CPU (% of one core), CPU ms/message", `${kinlink.cpuPercent} %, ${kinlink.cpuMsPerMessage} ms (load generator ${kinlink.driverCpuPercent} %)`, ""]);
    rows.push(["peak RSS", `${kinlink.peakRssMB} MB`, ""]);
    rows.push(["webhook answers, retries, stalled", `${JSON.stringify(kinlink.statuses)}, ${kinlink.retries}, ${kinlink.stalled}`, ""]);
  }
  if (echo) {
    rows.push(["echo baseline: messages/s", String(echo.inboundPerSecond), ""]);
    rows.push(["echo baseline: latency p50 / p95 / p99", fmt(echo.firstReply), ""]);
    rows.push(["echo baseline: CPU, CPU ms/message, peak RSS", `${echo.cpuPercent} %, ${echo.cpuMsPerMessage} ms, ${echo.peakRssMB} MB (load generator ${echo.driverCpuPercent} %)`, ""]);
  }
  if (kinlink && echo) rows.push(["ratio kinlink / echo (messages/s)", String(result["ratio"]), ">= 0.5"]);
  if (memory) {
    const started = memory.started;
    const heap = (h: StartedMemoryFigures["heapLoaded"]): string => (h ? `heap ${h.usedMB} of ${h.committedMB} MB` : "heap n/a");
    rows.push([`RSS of kinlink start with ${started.families} conversations (step ${started.stepsEach}), ${started.quietSeconds} s after the load`, `${started.rssMB} MB (${heap(started.heapQuiet)}; idle ${started.rssIdleMB} MB)`, "<= 300 MB"]);
    rows.push([`  the same when the last family parked (loaded), and the peak`, `${started.rssLoadedMB} MB (${heap(started.heapLoaded)}), peak ${started.peakRssMB} MB`, ""]);
    rows.push([`  server CPU per inbound message while the families parked`, `${started.cpuMsPerMessage} ms`, ""]);
    rows.push([`  bench process (tsx, bench code), ${memory.conversations} conversations, after GC`, `${memory.rssMB} MB (idle ${memory.rssIdleMB} MB, heap ${memory.heapUsedMB} of ${memory.heapTotalMB} MB, external ${memory.externalMB} MB of which buffers ${memory.arrayBuffersMB} MB, peak ${memory.peakRssMB} MB)`, ""]);
    for (const [name, f] of Object.entries(memory.footprint)) {
      if (f.documents > 0) rows.push([`  ${name}: documents, BSON size`, `${f.documents}, ${f.bsonMB} MB (${f.bytesPerDocument} bytes each)`, ""]);
    }
  }
  if (queue) {
    rows.push([`queue.list, first 50 of ${queue.escalations} escalations, p50 / p95`, `${round(queue.list.p50)} / ${round(queue.list.p95)} ms`, ""]);
    rows.push([`queue.claim (head of the queue), p50 / p95`, `${round(queue.claim.p50)} / ${round(queue.claim.p95)} ms`, ""]);
    rows.push([`  store: listQueue / countQueue / SLA-breach query p50`, `${round(queue.storeListQueue.p50)} / ${round(queue.storeCountQueue.p50)} / ${round(queue.slaBreachQuery.p50)} ms`, ""]);
  }
  rows.push(["tracing match latency at 100,000 children", String(result["tracing"]), ""]);
  const width = Math.max(...rows.map((r) => r[0].length));
  const width2 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(width)}  ${b.padEnd(width2)}  ${c}`);
  return [`kinlink bench — ${machine["cpu"]} (${machine["cores"]} cores, ${machine["memoryGB"]} GB), Node ${machine["node"]}, ${machine["date"]}, store ${kinlink?.backend ?? openLoop[0]?.kinlink.backend ?? "embedded"}`, ...lines].join("\n");
}

async function main(): Promise<void> {
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGB: round(totalmem() / 1024 ** 3), os: `${type()} ${release()}`, node: process.version, date: new Date().toISOString() };
  const closedLoop = options.only.has("load") && options.rates.length === 0;
  const kinlink = closedLoop ? await runLoad("kinlink") : undefined;
  const echo = closedLoop && options.echo ? await runLoad("echo") : undefined;
  const openLoop = options.only.has("load") ? await runOpenLoop() : [];
  const memory = options.only.has("memory") ? await runMemory() : undefined;
  const queue = options.only.has("queue") ? await runQueue() : undefined;
  const ratio = kinlink && echo ? round(kinlink.inboundPerSecond / echo.inboundPerSecond, 2) : undefined;
  const result: Record<string, unknown> = {
    machine,
    options: { families: options.families, rates: options.rates, warmupSeconds: options.warmup, durationSeconds: options.duration, disclosures: options.disclosures, thinkMs: options.think, distinctIps: options.distinctIps },
    ...(kinlink ? { kinlink } : {}),
    ...(echo ? { echo } : {}),
    ...(openLoop.length > 0 ? { openLoop } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(memory ? { memory } : {}),
    ...(queue ? { queue } : {}),
    tracing: "n/a (matching issue not done)",
    targets: {
      ...(kinlink ? { inboundPerSecond: kinlink.inboundPerSecond >= 1000 } : {}),
      ...openLoopTargets(openLoop),
      ...(ratio !== undefined ? { ratio: ratio >= 0.5 } : {}),
      ...(memory ? { rss10k: memory.started.rssMB <= 300 } : {}),
    },
  };
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${table(result, kinlink, echo, memory, queue, openLoop)}\n`);
  if (options.profile && !options.json) log(`CPU profile written to ${profileDir} (summarise: node --import tsx bench/profileSummary.ts ${profileDir}/<file>.cpuprofile)`);
}

async function faultsMain(): Promise<void> {
  const reports = await runFaultBench({ families: options.families, disclosures: options.disclosures, storeEnv: STORE_ENV }, log);
  process.stdout.write(options.json ? `${JSON.stringify({ faults: reports })}\n` : `${faultTable(reports)}\n`);
  if (reports.some((report) => faultProblems(report).length > 0)) process.exitCode = 1;
}

async function soakMain(minutes: number): Promise<void> {
  const report = await runSoak({ minutes, families: options.families, disclosures: options.disclosures, storeEnv: STORE_ENV }, log);
  process.stdout.write(options.json ? `${JSON.stringify({ soak: report })}\n` : `${soakSummary(report)}\n`);
}

if (options.faults) await faultsMain();
else if (options.soakMinutes !== undefined) await soakMain(options.soakMinutes);
else await main();
