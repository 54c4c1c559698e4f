/**
 * The fault scenarios of issue #7, on kinlink running as `kinlink start` in its own process:
 *
 *   kill -9   families mid-intake, the server SIGKILLed once a share of the replies has arrived,
 *             started again on the same data folder, the families carrying on until all finish;
 *   failing   the channel APIs answer 10% of calls with 500, 5% with 429 (retry after 1 s) and
 *             leave a few unanswered, under the same load;
 *   disk full the data folder is a small tmpfs (smallDisk.ts) filled mid-load so that journal
 *             writes fail with ENOSPC; the server must refuse (503, or no answer while it
 *             restarts) rather than acknowledge what it cannot keep, recover by itself once space
 *             is freed, and then answer everything it acknowledged; an orderly restart at the end
 *             must read the data folder back (no corruption).
 *
 * Both report the same figures (CheckedFamilies) and are judged by `faultProblems`: nothing lost,
 * nothing out of order, and duplicates only among the replies in flight at the kill. The bench
 * (`--faults`) and the kill -9 test run them.
 */
import type { ScriptReplies } from "./calibrate.js";
import { CheckedFamilies, type FaultCounts } from "./checkedFamilies.js";
import type { FakeApis } from "./fakeApis.js";
import type { WebhookTarget } from "./families.js";
import type { KinlinkProcess } from "./kinlinkProcess.js";
import type { SmallDisk } from "./smallDisk.js";
import { Chaos, type ChaosAnswer, type ChaosRates } from "../test/helpers/channels/chaos.js";

export interface FaultRunOptions {
  readonly families: number;
  readonly disclosureFraction: number;
  readonly firstFamily: number;
  /** The run ends when every family finished, or when no reply came for this long. */
  readonly quietMs: number;
}

export interface FaultReport extends FaultCounts {
  readonly scenario: "kill -9 and restart" | "failing channel APIs" | "disk full";
  readonly seconds: number;
  /** How the fake APIs failed (the failing scenario). */
  readonly failures?: Readonly<Record<ChaosAnswer, number>>;
}

/** Issue #7's failure mix; hangs are capped (each costs the sender a 10 s timeout). */
export const FAILING_APIS: ChaosRates = { serverError: 0.1, rateLimit: 0.05, hang: 0.01, maxHangs: 20 };

interface Scenario {
  readonly server: KinlinkProcess;
  readonly fakes: FakeApis;
  readonly hooks: WebhookTarget;
  readonly replies: ScriptReplies;
  readonly options: FaultRunOptions;
}

/**
 * Starts the server, then `run` with the checked families (it starts them, brings the fault and
 * waits for them to settle); the report is the families' counts and the time it all took.
 */
async function play(scenario: Scenario, name: FaultReport["scenario"], run: (families: CheckedFamilies) => Promise<void>): Promise<FaultReport> {
  const started = performance.now();
  await scenario.server.start();
  const families = checkedFamilies(scenario);
  try {
    await run(families);
    return { scenario: name, seconds: elapsed(started), ...families.counts() };
  } finally {
    families.close();
  }
}

/** Starts the server, plays the families, SIGKILLs it when `killAt` of the replies arrived, restarts it, finishes. */
export function killAndRestart(scenario: Scenario, killAt = 0.4): Promise<FaultReport> {
  return play(scenario, "kill -9 and restart", async (families) => {
    families.start();
    await families.whenReceived(Math.round(families.expectedTotal * killAt));
    families.markKill();
    await scenario.server.kill();
    await scenario.server.start();
    await families.settle(scenario.options.quietMs);
  });
}

/** Starts the server and plays the families while the fake APIs fail at random (seeded). */
export async function failingChannels(scenario: Scenario, rates: ChaosRates = FAILING_APIS): Promise<FaultReport> {
  const chaos = new Chaos(rates, 7);
  const report = await play(scenario, "failing channel APIs", async (families) => {
    scenario.fakes.chaos = chaos;
    try {
      families.start();
      await families.settle(scenario.options.quietMs);
    } finally {
      scenario.fakes.chaos = undefined;
    }
  });
  return { ...report, failures: { ...chaos.counts } };
}

/**
 * Starts the server on `disk` (mounted on its data folder), plays the families, fills the disk once
 * `fullAt` of the replies arrived, frees it `fullForMs` after the server said its store failed,
 * lets every family finish, then restarts the server in order to prove the folder reads back.
 */
export function diskFull(scenario: Scenario, disk: SmallDisk, fullAt = 0.3, fullForMs = 3_000): Promise<FaultReport> {
  return play(scenario, "disk full", async (families) => {
    families.start();
    await families.whenReceived(Math.round(families.expectedTotal * fullAt));
    await disk.fill(0);
    // The families may all be waiting for replies, posting nothing: ask the server, as a supervisor does.
    const noticed = await until(async () => (await healthStatus(scenario.server.url)) !== 200, 60_000);
    if (!noticed) throw new Error("the server's /healthz never stopped answering 200 while its disk was full");
    // Replies whose delivery mark could not be written may be sent again after the recovery.
    families.markKill();
    await new Promise((resolve) => setTimeout(resolve, fullForMs));
    await disk.drain();
    await families.settle(scenario.options.quietMs);
    await scenario.server.stop();
    await scenario.server.start();
  });
}

/** /healthz's status: 503 once the store failed, 0 when nothing answers (the server restarting). */
async function healthStatus(url: string): Promise<number> {
  try {
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** What a run did wrong (empty when it passed). */
export function faultProblems(report: FaultReport): string[] {
  const problems: string[] = [];
  if (report.familiesFinished !== report.families) problems.push(`${report.families - report.familiesFinished} families did not finish`);
  if (report.lost > 0) problems.push(`${report.lost} replies lost`);
  if (report.outOfOrder > 0) problems.push(`${report.outOfOrder} replies out of order`);
  if (report.duplicatesNotInFlight > 0) problems.push(`${report.duplicatesNotInFlight} duplicates of replies that were not in flight`);
  if (report.duplicates > report.inFlightAtKill) problems.push(`${report.duplicates} duplicates, more than the ${report.inFlightAtKill} replies in flight`);
  return problems;
}

function checkedFamilies(scenario: Scenario): CheckedFamilies {
  const { server, fakes, hooks, replies, options } = scenario;
  return new CheckedFamilies({ url: server.url, fakes, hooks, replies, families: options.families, disclosureFraction: options.disclosureFraction, firstFamily: options.firstFamily });
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}
