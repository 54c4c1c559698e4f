/** Starts a real kinlink server (embedded store in a temp folder, an ephemeral port) for a test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { OutboundContent } from "../../src/ports/channelPort.js";
import type { Clock } from "../../src/ports/clock.js";
import { startKinlink, type Kinlink } from "../../src/main.js";
import { ROOT } from "./project.js";

export interface TestKinlink extends Kinlink {
  readonly dataDir: string;
  /** Stops the server; `keepData` leaves the folder for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

export async function startTestKinlink(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), "kinlink-")), clock?: Clock): Promise<TestKinlink> {
  const kinlink = await startKinlink({
    ...(clock ? { clock } : {}),
    env: { KINLINK_ROOT: ROOT, KINLINK_DATA_DIR: dataDir, KINLINK_PORT: "0", NODE_ENV: "test", ...env },
    cwd: ROOT,
    logger: pino({ level: "silent" }),
    sweepIntervalMs: 200,
  });
  return Object.assign(Object.create(kinlink) as Kinlink, kinlink, {
    dataDir,
    async stop(keepData = false) {
      await kinlink.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A person in the browser playground: sends over HTTP, reads the bot's replies as they arrive. */
export class PlaygroundPerson {
  readonly received: OutboundContent[] = [];
  private seq = 0;
  /** Message ids must be new even for a person who comes back (redeliveries are dropped by id). */
  private readonly nonce = Math.random().toString(36).slice(2, 8);
  private readonly unsubscribe: () => void;

  constructor(
    private readonly kinlink: Kinlink,
    readonly session = `test-${Math.random().toString(36).slice(2, 12)}`,
  ) {
    this.unsubscribe = kinlink.mailbox.subscribe(session, 0, (entry) => this.received.push(entry.content));
  }

  async send(input: string | object, lang?: string): Promise<Response> {
    const body = { session: this.session, id: `${this.session}-${this.nonce}-${++this.seq}`, input: typeof input === "string" ? { type: "text", text: input } : input, ...(lang ? { lang } : {}) };
    return fetch(`${this.kinlink.url}/playground/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  /** Sends, then waits until the bot has answered (its turn processed and replies delivered). */
  async say(input: string | object, lang?: string): Promise<OutboundContent[]> {
    const before = this.received.length;
    const response = await this.send(input, lang);
    if (response.status !== 202) throw new Error(`playground answered ${response.status}`);
    await this.kinlink.worker.idle();
    return this.received.slice(before);
  }

  last(): OutboundContent | undefined {
    return this.received[this.received.length - 1];
  }

  close(): void {
    this.unsubscribe();
  }
}
