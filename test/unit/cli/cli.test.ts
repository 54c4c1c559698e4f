/**
 * The `kinlink` command as a person runs it: a real process, real files, real exit codes.
 */
import { describe, expect, it } from "@jest/globals";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../helpers/project.js";

function kinlink(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "kinlink.js"), ...args], {
    cwd: ROOT,
    input: input ?? "",
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("the kinlink command", () => {
  it("checks the shipped dialogs and shows each language's review status", () => {
    const { code, out } = kinlink(["dialogs", "check"]);
    expect(out).toContain("language en (English): source language");
    expect(out).toMatch(/\d+ dialogs \(.*intake@1.*tracing@1.*\): 0 errors/);
    expect(code).toBe(0);
  });

  it("fails the check of a broken dialog with the problem's path, and exit code 1", () => {
    const { code, out } = kinlink(["dialogs", "check", "--quiet", "test/fixtures/broken-dialogs/unknown-step.yaml"]);
    expect(out.trim()).toBe('test/fixtures/broken-dialogs/unknown-step.yaml: steps.age.next[1]: unknown step "agee"');
    expect(code).toBe(1);
  });

  it("plays a whole intake in the terminal, with events, from piped input", () => {
    const answers = ["3", "about 7", "yes", "yes", "yes", "no", "Amina", "skip", "skip", "1", "/loc -1.67,29.22 Goma", "3", "no", "3 days ago", "1", "market", "Bukavu", "skip", "yes", "1", "1", "skip"];
    const { code, out } = kinlink(["chat", "--dialog", "intake"], `${answers.join("\n")}\n`);
    expect(out).toContain("bot  Who is writing? [1) I am a child | 2) A parent or carer | 3) Another adult]");
    expect(out).toContain("risk_flagged unaccompanied / medium (intake.child_alone, provisional)");
    expect(out).toContain("answer_saved location_current = {\"latitude\":-1.67,\"longitude\":29.22,\"text\":\"Goma\"}");
    expect(out).toMatch(/record_completed case [0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(out).toContain("session completed (completed)");
    expect(code).toBe(0);
  });

  it("runs the golden conversations as NGOs do before deploying", () => {
    const { code, out } = kinlink(["dialogs", "test", "test/dialogs/intake-en-no-consent.json"]);
    expect(out).toContain("passed  test/dialogs/intake-en-no-consent.json");
    expect(code).toBe(0);
  });

  it("starts the server on a fresh data folder, serving the playground, and stops cleanly", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "kinlink-cli-"));
    const server = spawn(process.execPath, [join(ROOT, "bin", "kinlink.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", KINLINK_DATA_DIR: dataDir, KINLINK_PORT: "0", LOG_LEVEL: "silent" },
    });
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    while (!output.includes("Stop with Ctrl-C.")) await new Promise((r) => setTimeout(r, 50));
    const url = /Playground: (http:\/\/\S+)/.exec(output)?.[1] ?? "";
    expect((await fetch(url)).status).toBe(200);
    expect(output).toContain("Languages: en, fr, es, ar, uk, sw.");
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("rejects an unknown command with usage and exit code 2", () => {
    const { code, out } = kinlink(["fly"]);
    expect(out).toContain('unknown command "fly"');
    expect(code).toBe(2);
  });
});
