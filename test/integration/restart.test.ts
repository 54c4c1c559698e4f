/**
 * `kinlink start` on the embedded store: a conversation survives a restart, and a second server on
 * the same data folder refuses to start with a clear message (the store serves one process).
 */
import { afterAll, describe, expect, it } from "@jest/globals";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlaygroundPerson, startTestKinlink } from "../helpers/kinlink.js";
import { ROOT } from "../helpers/project.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("kinlink start on the embedded store", () => {
  it("keeps a conversation across a restart", async () => {
    const first = await startTestKinlink();
    dirs.push(first.dataDir);
    const before = new PlaygroundPerson(first, "restart-person-1");
    for (const answer of ["/start", "1", "1", "3"]) await before.say(answer);
    expect(before.last()?.text).toBe("How old is the child? A guess is fine.");
    before.close();
    await first.stop(true);

    const second = await startTestKinlink({}, first.dataDir);
    const after = new PlaygroundPerson(second, "restart-person-1");
    const replies = await after.say("7");
    expect(replies[0]?.text).toBe("Is the child in a safe place right now?");
    after.close();
    await second.stop(true);
  });

  it("refuses a second server on the same data folder, naming the folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "kinlink-lock-"));
    dirs.push(dataDir);
    const env = { ...process.env, NODE_OPTIONS: "", KINLINK_DATA_DIR: dataDir, KINLINK_PORT: "0", LOG_LEVEL: "silent" };
    const server = spawn(process.execPath, [join(ROOT, "bin", "kinlink.js"), "start"], { cwd: ROOT, env });
    try {
      await new Promise<void>((resolve, reject) => {
        let output = "";
        server.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("kinlink is running")) resolve();
        });
        server.on("exit", (code) => reject(new Error(`first server exited with ${code}`)));
      });
      const second = spawnSync(process.execPath, [join(ROOT, "bin", "kinlink.js"), "start"], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(dataDir);
      expect(second.stderr).toMatch(/already (in use|used|locked)|another kinlink|locked/i);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  });
});
