/**
 * Families whose every reply is checked, for the fault runs (`npm run bench -- --faults`) and the
 * kill -9 test. Each family plays its whole script over signed webhooks and sends its next answer
 * once the replies to the last one have all arrived, each compared with what a calm run gave
 * (calibration). A reply that repeats one already received is a duplicate; one that is neither the
 * next expected reply nor a repeat is out of order; the replies still missing for messages the
 * server acknowledged with a 200 are lost.
 *
 * `markKill()` notes which replies were in flight when the server was killed: those of each
 * unfinished family's current step and of the step before (a reply can reach the person and the
 * process die before its delivery is on disk; the step before is delivered under the same lease,
 * so nothing older can be unrecorded). Only those may come twice.
 */
import type { FakeApis } from "./fakeApis.js";
import type { ScriptReplies } from "./calibrate.js";
import { recipientFor, replyText, script, webhookFor, type Channel, type Step, type Variant, type WebhookTarget } from "./families.js";
import { WebhookPoster } from "./webhookPoster.js";

export interface CheckedOptions {
  readonly url: string;
  readonly fakes: FakeApis;
  readonly hooks: WebhookTarget;
  readonly replies: ScriptReplies;
  readonly families: number;
  readonly disclosureFraction: number;
  /** First family number (keeps these families apart from calibration's). */
  readonly firstFamily: number;
}

export interface FaultCounts {
  readonly families: number;
  readonly familiesFinished: number;
  /** Inbound messages the server acknowledged with a 200. */
  readonly acknowledged: number;
  /** Every answer the webhooks got, `error` for none (redelivered later). */
  readonly answers: Readonly<Record<string, number>>;
  readonly repliesExpected: number;
  readonly repliesReceived: number;
  readonly duplicates: number;
  /** Duplicates of replies that were not in flight at the kill (must be 0). */
  readonly duplicatesNotInFlight: number;
  /** Replies in flight at the kill: the bound on duplicates (0 without a kill). */
  readonly inFlightAtKill: number;
  readonly outOfOrder: number;
  /** Replies never received for messages acknowledged with a 200 (must be 0). */
  readonly lost: number;
}

interface Family {
  readonly key: string;
  readonly channel: Channel;
  readonly recipient: string;
  readonly steps: readonly Step[];
  readonly replies: readonly (readonly string[])[];
  step: number;
  got: number;
  acknowledged: number;
  /** Steps whose replies were in flight at the kill, if the family was unfinished then. */
  inFlight?: { readonly from: number; readonly to: number };
}

export class CheckedFamilies {
  private readonly families = new Map<string, Family>();
  private readonly poster: WebhookPoster;
  private readonly answers: Record<string, number> = {};
  private received = 0;
  private lastReplyAt = performance.now();
  private duplicates = 0;
  private duplicatesNotInFlight = 0;
  private inFlightAtKill = 0;
  private outOfOrder = 0;
  private finished = 0;
  private readonly waiters: { readonly atLeast: number; resolve(): void }[] = [];

  constructor(private readonly options: CheckedOptions) {
    this.poster = new WebhookPoster(options.url, options.families);
    options.fakes.onReply = (channel, recipient, _at, body) => this.onReply(`${channel}:${recipient}`, replyText(channel, body));
  }

  /** Starts every family at once. */
  start(): void {
    for (let i = 0; i < this.options.families; i++) this.startFamily(this.options.firstFamily + i);
  }

  /** Resolves once this many replies have arrived in all (a moment mid-load to kill the server). */
  whenReceived(atLeast: number): Promise<void> {
    if (this.received >= atLeast) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ atLeast, resolve }));
  }

  /** Resolves once every family finished; else once no reply came for `quietMs` (the rest are lost). */
  async settle(quietMs: number): Promise<void> {
    this.lastReplyAt = performance.now();
    while (this.finished < this.families.size && performance.now() - this.lastReplyAt < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get expectedTotal(): number {
    let total = 0;
    for (const family of this.families.values()) for (const step of family.replies) total += step.length;
    return total;
  }

  /** Notes the replies in flight now, as the server is killed (see the header). */
  markKill(): void {
    for (const family of this.families.values()) {
      if (family.step >= family.steps.length) continue;
      const from = Math.max(0, family.step - 1);
      family.inFlight = { from, to: family.step };
      for (let step = from; step <= family.step; step++) this.inFlightAtKill += family.replies[step]?.length ?? 0;
    }
  }

  counts(): FaultCounts {
    let acknowledged = 0;
    let lost = 0;
    for (const family of this.families.values()) {
      acknowledged += family.acknowledged;
      for (let step = family.step; step < family.acknowledged; step++) lost += (family.replies[step]?.length ?? 0) - (step === family.step ? family.got : 0);
    }
    return {
      families: this.families.size,
      familiesFinished: this.finished,
      acknowledged,
      answers: { ...this.answers },
      repliesExpected: this.expectedTotal,
      repliesReceived: this.received,
      duplicates: this.duplicates,
      duplicatesNotInFlight: this.duplicatesNotInFlight,
      inFlightAtKill: this.inFlightAtKill,
      outOfOrder: this.outOfOrder,
      lost,
    };
  }

  close(): void {
    this.poster.close();
  }

  private startFamily(n: number): void {
    const channel: Channel = n % 2 === 0 ? "telegram" : "whatsapp";
    const variant: Variant = (n * 0.618_033_988_75) % 1 < this.options.disclosureFraction ? "disclosure" : "intake";
    const recipient = recipientFor(channel, n);
    const family: Family = { key: `${channel}:${recipient}`, channel, recipient, steps: script(variant), replies: this.options.replies[`${channel}:${variant}`], step: 0, got: 0, acknowledged: 0 };
    this.families.set(family.key, family);
    this.send(family);
  }

  private send(family: Family): void {
    const step = family.steps[family.step];
    if (!step) return;
    // Built once: a redelivery sends the same bytes (the same message id).
    const hook = webhookFor(this.options.hooks, family.channel, family.recipient, step);
    this.poster.post(hook, {}, {
      answered: (status) => (this.answers[status] = (this.answers[status] ?? 0) + 1),
      settled: (status) => {
        if (status === "200") family.acknowledged++;
      },
    });
  }

  private onReply(key: string, text: string): void {
    this.received++;
    this.lastReplyAt = performance.now();
    for (const waiter of this.waiters.filter((w) => this.received >= w.atLeast)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const family = this.families.get(key);
    if (!family) return void this.outOfOrder++;
    if (family.replies[family.step]?.[family.got] === text) return this.advance(family);
    const repeated = this.stepRepeated(family, text);
    if (repeated === undefined) return void this.outOfOrder++;
    this.duplicates++;
    const window = family.inFlight;
    if (!window || repeated < window.from || repeated > window.to) this.duplicatesNotInFlight++;
  }

  private advance(family: Family): void {
    family.got++;
    if (family.got < (family.replies[family.step]?.length ?? 0)) return;
    family.step++;
    family.got = 0;
    if (family.step >= family.steps.length) this.finished++;
    else this.send(family);
  }

  /** The latest step whose replies (received so far) include `text`, if any. */
  private stepRepeated(family: Family, text: string): number | undefined {
    for (let step = family.step; step >= 0; step--) {
      const seen = step === family.step ? family.replies[step]?.slice(0, family.got) : family.replies[step];
      if (seen?.includes(text)) return step;
    }
    return undefined;
  }
}
