/** `kinlink queue`: the queue as a table, through the API, and clear failures. */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { queueCommand } from "../../../src/cli/queue.js";
import { formatDuration, formatQueueTable } from "../../../src/cli/queueTable.js";
import { startApiServer, type ApiServer } from "../../helpers/apiServer.js";
import { queueItem } from "../../helpers/fakeQueueService.js";
import { runKinlink } from "../../helpers/runKinlink.js";

const NOW = new Date("2025-03-01T09:20:00.000Z");

describe("the queue table", () => {
  it("shows urgency, reasons, age and service level, and no personal data", () => {
    const lines = formatQueueTable([queueItem(), queueItem({ id: "esc-2", slaBreached: true, slaDueAt: "2025-03-01T09:05:00.000Z", riskCategories: [], reasons: [] })], NOW);
    expect(lines[0]).toMatch(/^ID\s+PRI\s+LEVEL\s+STATUS\s+CATEGORIES\s+REASONS\s+AGE\s+SLA$/);
    expect(lines[1]).toMatch(/^esc-1\s+7\s+high\s+pending\s+self_harm\s+text:en:self_harm.wish_to_die\s+20m\s+due in 40m$/);
    expect(lines[2]).toMatch(/^esc-2 .* - +- +20m +BREACHED 15m ago$/);
    expect(formatQueueTable([], NOW)).toEqual(["The queue is empty."]);
  });

  it("writes durations short", () => {
    expect([0, 59_000, 3_600_000, 5_400_000, 49 * 3_600_000].map(formatDuration)).toEqual(["0m", "0m", "1h", "1h 30m", "2d 1h"]);
  });
});

describe("kinlink queue", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(() => server.close());

  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await queueCommand(argv, (line) => lines.push(line), { env, now: () => NOW });
    return { code, out: lines.join("\n") };
  };

  it("prints the queue with a token from KINLINK_TOKEN or --token", async () => {
    const viaEnv = await run(["--limit", "1"], { KINLINK_URL: server.url, KINLINK_TOKEN: server.tokens.caseworker });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.out.split("\n")).toHaveLength(2);
    expect(server.queue.calls.at(-1)?.args).toEqual([{ limit: 1, skip: 0 }]);
    const viaFlag = await run(["--url", server.url, "--token", server.tokens.admin]);
    expect(viaFlag.out).toContain("rule:intake.child_alone");
  });

  it("exits 1 with a clear message when the token is refused or the server is away, 2 without a token", async () => {
    const refused = await run(["--url", server.url, "--token", server.tokens.disabled]);
    expect([refused.code, refused.out]).toEqual([1, expect.stringContaining("refused the token (401)")]);
    const away = await run(["--url", "http://127.0.0.1:9", "--token", server.tokens.admin]);
    expect([away.code, away.out]).toEqual([1, expect.stringContaining("could not reach http://127.0.0.1:9")]);
    expect((await run(["--url", server.url])).code).toBe(2);
    expect((await run(["--limit", "0"], { KINLINK_TOKEN: "x" })).code).toBe(2);
  });

  it("runs as a command", async () => {
    const ok = await runKinlink(["queue", "--limit", "5"], { KINLINK_URL: server.url, KINLINK_TOKEN: server.tokens.supervisor });
    expect([ok.code, ok.err]).toEqual([0, ""]);
    expect(ok.out).toMatch(/^esc-1 +7 +high/m);
    const bad = await runKinlink(["queue"], { KINLINK_URL: server.url, KINLINK_TOKEN: "kl_wrong" });
    expect(bad.code).toBe(1);
  });
});
