/** What bench/run.ts asks of the server process (bench/target.ts), and the child process handle. */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EchoOptions } from "./echoServer.js";
import type { QueueFigures } from "./queueBench.js";

export type TargetRequest =
  /** `dataDir`: open this data directory (one an earlier server kept) instead of a new one. */
  | { readonly type: "start"; readonly kind: "kinlink"; readonly env: Record<string, string>; readonly sweepIntervalMs?: number; readonly dataDir?: string }
  | { readonly type: "start"; readonly kind: "echo"; readonly echo: EchoOptions }
  | { readonly type: "stats" }
  | { readonly type: "idle" }
  | { readonly type: "gc" }
  | { readonly type: "footprint" }
  | { readonly type: "resetLoopDelay" }
  | { readonly type: "queue"; readonly escalations: number }
  /** `keepData`: leave the data directory for another server to open. */
  | { readonly type: "stop"; readonly keepData?: boolean };

export interface TargetStats {
  readonly cpu: NodeJS.CpuUsage;
  readonly wallMs: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** V8 heap committed (RSS holds this, not just what is used). */
  readonly heapTotal: number;
  readonly external: number;
  /** Buffers and ArrayBuffers (part of `external`). */
  readonly arrayBuffers: number;
  /** Peak resident set since the process started (getrusage), bytes. */
  readonly maxRss: number;
  /** Event loop delay since the last `resetLoopDelay`, ms. */
  readonly loopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** One collection's documents: how many, and their size serialised as BSON (a proxy for their heap size). */
export interface CollectionFootprint {
  readonly documents: number;
  readonly bsonMB: number;
  readonly bytesPerDocument: number;
}

export interface GcStats extends TargetStats {
  readonly gcExposed: boolean;
  readonly collections: Record<string, number>;
}

export class Target {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly child: ChildProcess;
  private readonly loaded: Promise<void>;

  constructor(execArgv: readonly string[] = []) {
    this.child = fork(fileURLToPath(new URL("./target.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx", "--expose-gc", ...execArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.loaded = new Promise((resolve, reject) => {
      this.waiting.set(0, { resolve: () => resolve(), reject });
      this.child.once("exit", (code) => {
        for (const waiter of this.waiting.values()) waiter.reject(new Error(`the server process exited (${code})`));
        this.waiting.clear();
      });
    });
    this.child.on("message", (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  }

  async ask<T>(request: TargetRequest): Promise<T> {
    await this.loaded;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, request });
    });
  }

  /**
   * Stops the server and waits for the process to exit (a CPU profile is written on exit);
   * `keepData` leaves its data directory for another server to open.
   */
  async stop(options: { readonly keepData?: boolean } = {}): Promise<void> {
    if (!this.child.connected) return; // stopped already
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once("exit", () => resolve())));
    await this.ask({ type: "stop", ...options }).catch(() => undefined);
    await exited;
  }
}

export type { QueueFigures };
