/**
 * `npm run bench -- --faults`: the fault scenarios (faultRuns.ts) at bench size, each on a fresh
 * data folder with kinlink as `kinlink start` in its own process. The replies every family must get
 * come from a calm run first (calibration, on an in-process server with the same settings).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { channelEnv, HOOKS, BOT_TOKEN } from "./benchEnv.js";
import { calibrate, type ScriptReplies } from "./calibrate.js";
import { startFakeApis, type FakeApis } from "./fakeApis.js";
import { diskFull, failingChannels, faultProblems, killAndRestart, type FaultReport, type FaultRunOptions } from "./faultRuns.js";
import { KinlinkProcess } from "./kinlinkProcess.js";
import { Target } from "./protocol.js";
import { SmallDisk } from "./smallDisk.js";

export interface FaultBenchOptions {
  readonly families: number;
  readonly disclosures: number;
  readonly storeEnv: Record<string, string>;
}

export async function runFaultBench(options: FaultBenchOptions, log: (line: string) => void): Promise<FaultReport[]> {
  const fakes = await startFakeApis(BOT_TOKEN);
  try {
    const env = { ...options.storeEnv, ...channelEnv(fakes) };
    const replies = await calmReplies(fakes, env);
    const run = (firstFamily: number): FaultRunOptions => ({ families: options.families, disclosureFraction: options.disclosures, firstFamily, quietMs: 30_000 });
    log(`faults: kill -9 and restart, ${options.families} families`);
    const killed = await onFreshServer(env, (server) => killAndRestart({ server, fakes, hooks: HOOKS, replies, options: run(1) }));
    log(`faults: failing channel APIs, ${options.families} families`);
    const failing = await onFreshServer(env, (server) => failingChannels({ server, fakes, hooks: HOOKS, replies, options: run(1_000_000) }));
    log(`faults: disk full mid-load, ${options.families} families`);
    const full = await onSmallDisk(env, (server, disk) => diskFull({ server, fakes, hooks: HOOKS, replies, options: run(2_000_000) }, disk), log);
    return full ? [killed, failing, full] : [killed, failing];
  } finally {
    await fakes.close();
  }
}

async function calmReplies(fakes: FakeApis, env: Record<string, string>): Promise<ScriptReplies> {
  const target = new Target();
  try {
    const started = await target.ask<{ url: string }>({ type: "start", kind: "kinlink", env });
    const calibration = await calibrate(started.url, fakes, () => target.ask({ type: "idle" }), HOOKS, 90_000_000);
    if (calibration.problems.length > 0) throw new Error(`calibration: ${calibration.problems.join("; ")}`);
    return calibration.replies;
  } finally {
    await target.stop();
  }
}

async function onFreshServer(env: Record<string, string>, scenario: (server: KinlinkProcess) => Promise<FaultReport>): Promise<FaultReport> {
  const dataDir = mkdtempSync(join(tmpdir(), "kinlink-faults-"));
  const server = await KinlinkProcess.create(dataDir, env);
  try {
    return await scenario(server);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The disk-full run needs a tmpfs it can fill: root only. Undefined (and said) where it cannot mount. */
async function onSmallDisk(env: Record<string, string>, scenario: (server: KinlinkProcess, disk: SmallDisk) => Promise<FaultReport>, log: (line: string) => void): Promise<FaultReport | undefined> {
  const dataDir = mkdtempSync(join(tmpdir(), "kinlink-diskfull-"));
  const disk = await SmallDisk.mount(dataDir, 64);
  if (!disk) {
    log("faults: disk full NOT RUN: mounting a tmpfs needs root");
    rmSync(dataDir, { recursive: true, force: true });
    return undefined;
  }
  const server = await KinlinkProcess.create(dataDir, env);
  try {
    return await scenario(server, disk);
  } finally {
    await server.stop();
    await disk.unmount();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function faultTable(reports: readonly FaultReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const problems = faultProblems(r);
    lines.push(`${r.scenario} — ${r.families} families, ${r.seconds} s: ${problems.length === 0 ? "PASS" : `FAIL (${problems.join("; ")})`}`);
    lines.push(`  inbound acknowledged with 200   ${r.acknowledged} (all answers: ${JSON.stringify(r.answers)})`);
    lines.push(`  replies expected / received     ${r.repliesExpected} / ${r.repliesReceived}`);
    lines.push(`  duplicates                      ${r.duplicates} (in flight at the ${r.scenario === "disk full" ? "failure" : "kill"}: ${r.inFlightAtKill}; not in flight: ${r.duplicatesNotInFlight})`);
    lines.push(`  lost / out of order             ${r.lost} / ${r.outOfOrder}`);
    lines.push(`  families finished               ${r.familiesFinished} / ${r.families}`);
    if (r.failures) lines.push(`  fake API failures               ${JSON.stringify(r.failures)}`);
  }
  return lines.join("\n");
}
