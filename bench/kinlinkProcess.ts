/**
 * kinlink as an operator runs it, `node bin/kinlink.js start`, in a child process that can be killed
 * with SIGKILL and started again on the same data folder and port: what the fault runs
 * (`npm run bench -- --faults`) and the kill -9 test need. The port is fixed before the first start
 * so that the families' webhooks find the restarted server at the same address, as a platform does.
 * The instance id is fixed too, as a service manager restarting the same instance gives it: the new
 * process takes over the leases its predecessor held instead of waiting for them to expire.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STARTED = /kinlink is running on the (\w+) store/;
const START_TIMEOUT_MS = 60_000;

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export class KinlinkProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly url: string,
    private readonly env: Record<string, string>,
  ) {}

  /** A server with these settings (channel and store variables) on `dataDir`, not started yet. */
  static async create(dataDir: string, env: Record<string, string>): Promise<KinlinkProcess> {
    const port = await freePort();
    return new KinlinkProcess(`http://127.0.0.1:${port}`, {
      KINLINK_DATA_DIR: dataDir,
      KINLINK_PORT: String(port),
      KINLINK_HOST: "127.0.0.1",
      KINLINK_INSTANCE_ID: "kinlink-fault-run",
      NODE_ENV: "production",
      KINLINK_ALLOW_EMBEDDED: "1",
      LOG_LEVEL: "silent",
      ...env,
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and resolves once it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ["bin/kinlink.js", "start"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    await waitForStart(child);
  }

  /** SIGKILL: no shutdown code runs, whatever was not on disk is gone. Resolves once the process is dead. */
  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** An orderly stop (SIGTERM): in-progress turns finish and the store writes a snapshot. */
  async stop(): Promise<void> {
    this.child?.kill("SIGTERM");
    await this.exited;
  }
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`kinlink did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!STARTED.test(output)) return;
      settle();
      resolve();
    };
    const onExit = (code: number | null): void => fail(new Error(`kinlink exited (${code}) before it started:\n${output.slice(-2000)}`));
    function fail(error: Error): void {
      settle();
      reject(error);
    }
    /** Stops listening; the output is still read (and dropped) so that the child never blocks on a full pipe. */
    function settle(): void {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.stdout?.resume();
      child.stderr?.resume();
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}
