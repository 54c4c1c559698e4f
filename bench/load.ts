/**
 * The load generator: keeps `concurrency` families in conversation with the server at once. Each
 * family sends its next answer as soon as the server's replies to the previous one have all reached
 * the fake API (no think time by default: the server at full load), so every conversation stays
 * valid. When a family finishes the intake a new one takes its place. Latency is measured from the
 * moment the webhook is sent to the first reply (and to the last reply of the turn) at the fake.
 */
import type { FakeApis } from "./fakeApis.js";
import { recipientFor, script, webhookFor, type Channel, type Step, type Variant, type Webhook, type WebhookTarget } from "./families.js";
import { Pacer } from "./pacer.js";
import { WebhookPoster } from "./webhookPoster.js";

/** Replies each step brings, by channel and variant (found by calibration; the echo answers 1). */
export type ExpectedReplies = Readonly<Record<`${Channel}:${Variant}`, readonly number[]>>;

export interface LoadOptions {
  readonly url: string;
  readonly fakes: FakeApis;
  readonly target: WebhookTarget;
  readonly expected: ExpectedReplies;
  readonly concurrency: number;
  readonly disclosureFraction: number;
  readonly thinkMs: number;
  /** Give each family its own X-Forwarded-For, so kinlink's per-IP rate limit (600/min) does not bind. */
  readonly distinctIps: boolean;
  /** First family number (keeps runs against the same server apart). */
  readonly firstFamily: number;
  /** Inbound messages per second at most (the soak); unset: as fast as the replies come. */
  readonly ratePerSecond?: number;
}

export interface LoadCounters {
  sent: number;
  completedTurns: number;
  firstLatencies: number[];
  turnLatencies: number[];
  statuses: Record<string, number>;
  retries: number;
  stalled: number;
  extraReplies: number;
  familiesFinished: number;
}

interface Family {
  readonly key: string;
  readonly channel: Channel;
  readonly recipient: string;
  readonly ip: string;
  readonly steps: readonly Step[];
  readonly expected: readonly number[];
  /** Stop after this many steps (memory runs park families mid-intake). */
  readonly stopAfter: number;
  index: number;
  sentAt: number;
  got: number;
  measured: boolean;
  onDone: () => void;
}

const STALL_MS = 15_000;

export class LoadDriver {
  private readonly families = new Map<string, Family>();
  private readonly poster: WebhookPoster;
  private readonly pacer: Pacer | undefined;
  private next: number;
  private measuring = false;
  stopping = false;
  counters: LoadCounters = LoadDriver.emptyCounters();
  private readonly watchdog: NodeJS.Timeout;

  constructor(private readonly options: LoadOptions) {
    this.next = options.firstFamily;
    this.poster = new WebhookPoster(options.url, options.concurrency);
    this.pacer = options.ratePerSecond === undefined ? undefined : new Pacer(options.ratePerSecond);
    options.fakes.onReply = (channel, recipient, at) => this.onReply(`${channel}:${recipient}`, at);
    this.watchdog = setInterval(() => this.checkStalls(), 1_000);
  }

  static emptyCounters(): LoadCounters {
    return { sent: 0, completedTurns: 0, firstLatencies: [], turnLatencies: [], statuses: {}, retries: 0, stalled: 0, extraReplies: 0, familiesFinished: 0 };
  }

  /** Starts counting from now (after a warm-up), with fresh counters. */
  startWindow(): void {
    this.counters = LoadDriver.emptyCounters();
    this.measuring = true;
  }

  endWindow(): LoadCounters {
    this.measuring = false;
    return this.counters;
  }

  get active(): number {
    return this.families.size;
  }

  /** Keeps `concurrency` families going until `stopping`; resolves when the last has stopped. */
  async sustain(): Promise<void> {
    await new Promise<void>((resolve) => {
      let running = 0;
      const startOne = (): void => {
        if (this.stopping) {
          if (running === 0) resolve();
          return;
        }
        running++;
        this.startFamily(Number.POSITIVE_INFINITY, () => {
          running--;
          startOne();
        });
      };
      for (let i = 0; i < this.options.concurrency; i++) startOne();
    });
  }

  /** Plays `total` families through their first `steps` steps, `concurrency` at a time; they stay mid-intake. */
  async park(total: number, steps: number, onProgress?: (done: number) => void): Promise<void> {
    let started = 0;
    let done = 0;
    await new Promise<void>((resolve) => {
      const startOne = (): void => {
        if (started >= total) return;
        started++;
        this.startFamily(steps, () => {
          done++;
          if (done % 1000 === 0) onProgress?.(done);
          if (done === total) resolve();
          else startOne();
        });
      };
      for (let i = 0; i < Math.min(total, this.options.concurrency); i++) startOne();
    });
  }

  /** Waits for the turns in flight to finish after `stopping` was set (at most `timeoutMs`). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (this.families.size > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  close(): void {
    clearInterval(this.watchdog);
    this.pacer?.close();
    this.poster.close();
  }

  private startFamily(stopAfter: number, onDone: () => void): void {
    const n = this.next++;
    const channel: Channel = n % 2 === 0 ? "telegram" : "whatsapp";
    const variant: Variant = (n * 0.618_033_988_75) % 1 < this.options.disclosureFraction ? "disclosure" : "intake";
    const recipient = recipientFor(channel, n);
    const family: Family = {
      key: `${channel}:${recipient}`,
      channel,
      recipient,
      ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      steps: script(variant),
      expected: this.options.expected[`${channel}:${variant}`],
      stopAfter,
      index: 0,
      sentAt: 0,
      got: 0,
      measured: false,
      onDone,
    };
    this.families.set(family.key, family);
    this.dispatch(family);
  }

  private finish(family: Family): void {
    this.families.delete(family.key);
    family.onDone();
  }

  /** Sends the family's next step now, or when the pacer lets it go. */
  private dispatch(family: Family): void {
    if (this.pacer) this.pacer.schedule(() => this.send(family));
    else this.send(family);
  }

  private send(family: Family): void {
    const step = family.steps[family.index];
    if (!step) return this.finish(family);
    const hook = webhookFor(this.options.target, family.channel, family.recipient, step);
    family.got = 0;
    family.sentAt = performance.now();
    family.measured = this.measuring;
    if (this.measuring) this.counters.sent++;
    this.post(family, hook);
  }

  private post(family: Family, hook: Webhook): void {
    this.poster.post(hook, this.options.distinctIps ? { "x-forwarded-for": family.ip } : {}, {
      answered: (status) => {
        this.counters.statuses[status] = (this.counters.statuses[status] ?? 0) + 1;
        if (status === "error" || status === "429" || status.startsWith("5")) this.counters.retries++;
      },
      settled: (status) => {
        if (status !== "200") this.finish(family);
      },
    });
  }

  private onReply(key: string, at: number): void {
    const family = this.families.get(key);
    if (!family) {
      this.counters.extraReplies++;
      return;
    }
    family.got++;
    const latency = at - family.sentAt;
    if (family.got === 1 && family.measured) this.counters.firstLatencies.push(latency);
    const expected = family.expected[family.index] ?? 1;
    if (family.got > expected) {
      this.counters.extraReplies++;
      return;
    }
    if (family.got < expected) return;
    if (family.measured) {
      this.counters.turnLatencies.push(latency);
      this.counters.completedTurns++;
    }
    family.index++;
    if (family.index >= family.steps.length || family.index >= family.stopAfter) {
      if (family.index >= family.steps.length) this.counters.familiesFinished++;
      return this.finish(family);
    }
    if (this.stopping && family.stopAfter === Number.POSITIVE_INFINITY) return this.finish(family);
    const think = this.options.thinkMs;
    if (think > 0) setTimeout(() => this.dispatch(family), think * (0.5 + Math.random()));
    else this.dispatch(family);
  }

  private checkStalls(): void {
    const now = performance.now();
    for (const family of [...this.families.values()]) {
      if (family.sentAt > 0 && now - family.sentAt > STALL_MS) {
        this.counters.stalled++;
        this.finish(family);
      }
    }
  }
}
