/**
 * Issue #7, resilience: kinlink (`kinlink start`, its own process) is killed with SIGKILL while a
 * dozen families are mid-intake over signed webhooks, and started again on the same data folder.
 * Every message acknowledged with a 200 must be answered, in order; only replies in flight at the
 * kill may arrive twice. The same scenario, larger, is `npm run bench -- --faults`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { BOT_TOKEN, channelEnv, HOOKS, storeEnv } from "../../../bench/benchEnv.js";
import type { ScriptReplies } from "../../../bench/calibrate.js";
import { startFakeApis, type FakeApis } from "../../../bench/fakeApis.js";
import { faultProblems, killAndRestart } from "../../../bench/faultRuns.js";
import { KinlinkProcess } from "../../../bench/kinlinkProcess.js";
import { calmReplies } from "../../helpers/calmReplies.js";

const FAMILIES = 12;

describe("kill -9 mid-load and restart", () => {
  let fakes: FakeApis;
  let replies: ScriptReplies;
  const dataDir = mkdtempSync(join(tmpdir(), "kinlink-kill-"));

  beforeAll(async () => {
    fakes = await startFakeApis(BOT_TOKEN);
    replies = await calmReplies(fakes);
  });

  afterAll(async () => {
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers every acknowledged message, in order, duplicating only what was in flight", async () => {
    const server = await KinlinkProcess.create(dataDir, { ...storeEnv(), ...channelEnv(fakes) });
    try {
      const report = await killAndRestart({ server, fakes, hooks: HOOKS, replies, options: { families: FAMILIES, disclosureFraction: 0.25, firstFamily: 100, quietMs: 8_000 } });
      expect(faultProblems(report)).toEqual([]);
      expect(report.familiesFinished).toBe(FAMILIES);
      expect(report.acknowledged).toBeGreaterThanOrEqual(FAMILIES * 20);
      expect(report.repliesReceived).toBe(report.repliesExpected + report.duplicates);
      // The kill really came mid-intake: families were waiting for replies when it hit.
      expect(report.inFlightAtKill).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
