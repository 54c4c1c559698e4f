/** Runs the `kinlink` command as a separate process without blocking this one (a test server may be answering it). */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./project.js";

export interface KinlinkRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

export function runKinlink(args: readonly string[], env: Record<string, string> = {}): Promise<KinlinkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "kinlink.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}
