/**
 * `npm run bench:compare -- <revision> [--runs 3] [--duration 15] [--warmup 5] [--families 200]`
 *
 * Did a change make the server cheaper? Runs the closed-loop load bench alternately on a checkout of
 * `<revision>` and on this working tree, `--runs` times each, and prints the server's CPU per message
 * and messages per second of every run, the medians and the change. Alternating matters on a shared
 * machine: another job's load then falls on both sides alike. CPU per message is the steadier
 * figure; messages per second moves with whatever else runs (each run's load average is printed).
 *
 * The other revision is checked out with `git worktree` into a temporary folder that shares this
 * tree's node_modules, so both must have the same package-lock.json; the folder is removed after.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const ArgsSchema = z.object({
  revision: z.string().regex(/^[\w./@^~-]{1,100}$/, "a git revision (commit, branch or tag)"),
  runs: z.coerce.number().int().min(1).max(20).default(3),
  duration: z.coerce.number().int().min(3).max(600).default(15),
  warmup: z.coerce.number().int().min(0).max(120).default(5),
  families: z.coerce.number().int().min(1).max(5000).default(200),
});

const ResultSchema = z.object({ kinlink: z.object({ cpuMsPerMessage: z.number(), inboundPerSecond: z.number() }) });

interface Run {
  readonly cpuMsPerMessage: number;
  readonly inboundPerSecond: number;
  readonly load: number;
}

function parseArgs(argv: readonly string[]): z.infer<typeof ArgsSchema> {
  const [revision, ...rest] = argv;
  const named: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i];
    const value = rest[i + 1];
    if (!key?.startsWith("--") || value === undefined) throw new Error(`expected --name value pairs after the revision, got "${key ?? ""}"`);
    named[key.slice(2)] = value;
  }
  const parsed = ArgsSchema.strict().safeParse({ revision, ...named });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`).join("; "));
  return parsed.data;
}

function git(args: readonly string[]): string {
  const result = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function benchOnce(tree: string, options: z.infer<typeof ArgsSchema>): Run {
  const load = loadavg()[0] ?? 0;
  const args = ["--import", "tsx", "bench/run.ts", "--only", "load", "--no-echo", "--json", "--duration", String(options.duration), "--warmup", String(options.warmup), "--families", String(options.families)];
  const result = spawnSync(process.execPath, args, { cwd: tree, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || line === "") throw new Error(`the bench failed in ${tree} (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  const { kinlink } = ResultSchema.parse(JSON.parse(line));
  return { ...kinlink, load };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const commit = git(["rev-parse", "--verify", `${options.revision}^{commit}`]);
  if (spawnSync("git", ["diff", "--quiet", commit, "--", "package-lock.json"], { cwd: ROOT }).status !== 0) {
    throw new Error(`package-lock.json differs from ${options.revision}: the two trees cannot share node_modules; compare revisions with the same dependencies`);
  }
  const tree = join(mkdtempSync(join(tmpdir(), "kinlink-compare-")), "tree");
  git(["worktree", "add", "--detach", tree, commit]);
  try {
    symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"), "dir");
    const base: Run[] = [];
    const current: Run[] = [];
    for (let i = 1; i <= options.runs; i++) {
      for (const [name, dir, runs] of [[options.revision, tree, base], ["working tree", ROOT, current]] as const) {
        process.stderr.write(`run ${i}/${options.runs}: ${name}…\n`);
        const run = benchOnce(dir, options);
        runs.push(run);
        process.stderr.write(`  ${run.cpuMsPerMessage} ms/message, ${run.inboundPerSecond} msg/s (load average ${run.load.toFixed(1)})\n`);
      }
    }
    const cpuBase = median(base.map((r) => r.cpuMsPerMessage));
    const cpuNow = median(current.map((r) => r.cpuMsPerMessage));
    const rateBase = median(base.map((r) => r.inboundPerSecond));
    const rateNow = median(current.map((r) => r.inboundPerSecond));
    const change = (from: number, to: number): string => `${to >= from ? "+" : ""}${(((to - from) / from) * 100).toFixed(1)} %`;
    process.stdout.write(
      [
        `closed loop, ${options.families} families, ${options.runs} alternating runs each (${options.warmup} s warm-up, ${options.duration} s measured)`,
        `server CPU per message  ${options.revision} (${commit.slice(0, 8)}): median ${cpuBase} ms [${base.map((r) => r.cpuMsPerMessage).join(", ")}]`,
        `                        working tree: median ${cpuNow} ms [${current.map((r) => r.cpuMsPerMessage).join(", ")}]  ${change(cpuBase, cpuNow)}`,
        `messages/s              ${options.revision}: median ${rateBase} [${base.map((r) => r.inboundPerSecond).join(", ")}]`,
        `                        working tree: median ${rateNow} [${current.map((r) => r.inboundPerSecond).join(", ")}]  ${change(rateBase, rateNow)}`,
      ].join("\n") + "\n",
    );
  } finally {
    spawnSync("git", ["worktree", "remove", "--force", tree], { cwd: ROOT });
    rmSync(join(tree, ".."), { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench:compare: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
