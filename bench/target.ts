/**
 * The server under test, in its own process (forked by bench/run.ts), so that its CPU and memory
 * figures are its own and the load generator and fake APIs run on the other core. Starts kinlink
 * through `startKinlink` (the composition root `kinlink start` uses) or the echo baseline, and
 * answers the driver over IPC: stats, idle, gc, the queue measurements, stop.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { calculateObjectSize } from "bson";
import { pino } from "pino";
import { applyHeapGrowth, readHeapSettings } from "../src/cli/heapSettings.js";
import { startKinlink, type Kinlink } from "../src/main.js";
import { startEchoServer } from "./echoServer.js";
import { measureQueue } from "./queueBench.js";
import type { CollectionFootprint, TargetRequest, TargetStats } from "./protocol.js";

/** The project: its dialogs, locales and deployment.yaml, as `kinlink start` would load them. */
const ROOT = fileURLToPath(new URL("..", import.meta.url));

let kinlink: Kinlink | undefined;
let echo: { close(): Promise<void> } | undefined;
let dataDir: string | undefined;
/** How long work waited for the event loop: a long synchronous task shows here before it shows in CPU. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

// The heap growth `kinlink start` sets (KINLINK_HEAP_GROWTH_PERCENT), for kinlink and the echo
// baseline alike, so that the load figures are those of the server as operators run it.
applyHeapGrowth(readHeapSettings(process.env));
loopDelay.enable();

function stats(): TargetStats {
  const memory = process.memoryUsage();
  return {
    cpu: process.cpuUsage(),
    wallMs: performance.now(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    maxRss: process.resourceUsage().maxRSS * 1024,
    loopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
  };
}

const MEASURED_COLLECTIONS = ["conversations", "inbox", "outbox", "transcripts", "escalations", "cases", "tracing_requests", "audit_log"];

/** What each collection holds, for the memory run: where the heap goes, by document kind. */
async function footprints(): Promise<Record<string, CollectionFootprint>> {
  if (!kinlink) return {};
  const result: Record<string, CollectionFootprint> = {};
  for (const name of MEASURED_COLLECTIONS) {
    let bytes = 0;
    const docs = await kinlink.store.db.collection(name).find({}).toArray();
    for (const doc of docs) bytes += calculateObjectSize(doc);
    result[name] = { documents: docs.length, bsonMB: Math.round((bytes / 1024 / 1024) * 10) / 10, bytesPerDocument: docs.length === 0 ? 0 : Math.round(bytes / docs.length) };
  }
  return result;
}

async function collectionSizes(): Promise<Record<string, number>> {
  if (!kinlink) return {};
  const sizes: Record<string, number> = {};
  for (const name of MEASURED_COLLECTIONS) {
    sizes[name] = await kinlink.store.db.collection(name).countDocuments({});
  }
  return sizes;
}

async function handle(request: TargetRequest): Promise<unknown> {
  switch (request.type) {
    case "start": {
      if (request.kind === "echo") {
        const server = await startEchoServer(request.echo);
        echo = server;
        return { url: server.url };
      }
      dataDir = request.dataDir ?? mkdtempSync(join(tmpdir(), "kinlink-bench-"));
      kinlink = await startKinlink({
        env: { KINLINK_ROOT: ROOT, KINLINK_DATA_DIR: dataDir, KINLINK_PORT: "0", KINLINK_HOST: "127.0.0.1", NODE_ENV: "production", KINLINK_ALLOW_EMBEDDED: "1", LOG_LEVEL: "silent", ...request.env },
        cwd: ROOT,
        logger: pino({ level: "silent" }),
        ...(request.sweepIntervalMs !== undefined ? { sweepIntervalMs: request.sweepIntervalMs } : {}),
      });
      return { url: kinlink.url, backend: kinlink.store.backend, dataDir };
    }
    case "stats":
      return stats();
    case "resetLoopDelay":
      loopDelay.reset();
      return null;
    case "idle":
      await kinlink?.worker.idle();
      return null;
    case "gc": {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) for (let i = 0; i < 3; i++) gc();
      return { ...stats(), gcExposed: gc !== undefined, collections: await collectionSizes() };
    }
    case "footprint":
      return footprints();
    case "queue":
      if (!kinlink) throw new Error("kinlink is not running");
      return measureQueue(kinlink, request.escalations);
    case "stop":
      await kinlink?.close();
      await echo?.close();
      if (dataDir && request.keepData !== true) rmSync(dataDir, { recursive: true, force: true });
      return null;
  }
}

process.on("message", (message: { id: number; request: TargetRequest }) => {
  handle(message.request).then(
    (result) => {
      // A CPU profile (--cpu-prof) is written on exit, process.exit included.
      process.send?.({ id: message.id, result }, () => (message.request.type === "stop" ? process.exit(0) : undefined));
    },
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) }),
  );
});
process.send?.({ id: 0, result: "loaded" });
