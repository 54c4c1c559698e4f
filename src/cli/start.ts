/**
 * `kinlink start` (and `npm start`): one server for every enabled channel and the browser playground.
 * On a fresh machine it needs nothing: the embedded store in ./data and the playground as the way in.
 * Stops cleanly on Ctrl-C (SIGINT) or SIGTERM, finishing the turns in progress.
 *
 * When the store fails while running (the embedded journal could not be written: a full disk, an I/O
 * error), the server has already stopped acknowledging messages (503: the channels deliver again
 * later). This command then closes it and starts it again, which recovers the data folder from disk,
 * retrying with a growing pause until the disk takes writes again. Nobody has to be awake for a full
 * disk to heal once space is freed. A failure to start the first time is not retried: that is a
 * setting or a file to fix, and the message says which.
 *
 * Memory: the V8 heap's growth is bounded and, once no request has come for a while, one full
 * collection gives the garbage of the last burst back (heapSettings.ts, quietGc.ts).
 */
import { formatDemoBlock } from "../console/auth/demoAccounts.js";
import { errorCode } from "../domain/errorCode.js";
import { startKinlink, type Kinlink } from "../main.js";
import { applyHeapGrowth, compactingGc, readHeapSettings } from "./heapSettings.js";
import { QuietGc } from "./quietGc.js";

/** Pauses between attempts to start again after a store failure: 1 s, doubling, at most 30 s. */
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

export async function start(out: (line: string) => void): Promise<number> {
  const heap = readHeapSettings(process.env);
  applyHeapGrowth(heap);
  let running: Kinlink | undefined;
  const collect = compactingGc();
  // Quiet, the conversations the worker remembers between turns are only memory: dropped first.
  const quietCollection = (): void => {
    running?.worker.forgetAll();
    collect();
  };
  const quietGc = heap.quietGcMs > 0 ? new QuietGc({ quietMs: heap.quietGcMs, gc: quietCollection }) : undefined;
  const startOnce = async (): Promise<Kinlink> => {
    const started = await startKinlink({ env: process.env, cwd: process.cwd() });
    running = started;
    if (quietGc) started.app.server.on("request", () => quietGc.activity());
    return started;
  };
  let stopping = false;
  let wake: () => void = () => undefined;
  const stopRequested = new Promise<"stop">((resolve) => {
    const stop = (): void => {
      stopping = true;
      wake();
      resolve("stop");
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let kinlink: Kinlink | undefined = await startOnce();
  greet(kinlink, out);
  for (;;) {
    const outcome = await Promise.race([stopRequested, kinlink.storeFailed]);
    if (outcome === "stop") break;
    // A code only: the cause's message may name files, never people, but codes are what operators search.
    out(`kinlink: the store failed (${outcome}); messages are refused (503) and will be delivered again. Restarting from disk…`);
    await kinlink.close().catch(() => undefined);
    kinlink = undefined;
    for (let attempt = 0; !stopping && kinlink === undefined; attempt++) {
      await pause(Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** attempt));
      if (stopping) break;
      try {
        kinlink = await startOnce();
        out(`kinlink: running again on the ${kinlink.store.backend} store after ${attempt + 1} attempt(s).`);
      } catch (error) {
        out(`kinlink: could not start again yet (${errorCode(error) ?? "unknown"}); trying again.`);
      }
    }
    if (kinlink === undefined) break;
  }
  quietGc?.close();
  if (kinlink === undefined) return 0;
  out("kinlink: stopping…");
  await kinlink.close();
  return 0;
}

function greet(kinlink: Kinlink, out: (line: string) => void): void {
  const { deployment } = kinlink.content;
  if (deployment.demo) out("Note: deployment.yaml has DEMO help contacts. Replace them before real use.");
  // The one place demo passwords are shown (besides the login page, to this machine only).
  if (kinlink.demoAccounts.length > 0) out(formatDemoBlock(kinlink.demoAccounts, `${kinlink.url}/console`));
  out(`kinlink is running on the ${kinlink.store.backend} store. Playground: ${kinlink.url}/playground  Console: ${kinlink.url}/console`);
  out(`Dialogs: ${kinlink.content.dialogs.flows().map((d) => d.id).join(", ")}. Languages: ${kinlink.content.languages.join(", ")}. Stop with Ctrl-C.`);
}
