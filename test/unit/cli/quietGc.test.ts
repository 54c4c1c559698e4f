/** `kinlink start`'s memory settings and its one full collection once quiet after activity. */
import { describe, expect, it } from "@jest/globals";
import { compactingGc, readHeapSettings } from "../../../src/cli/heapSettings.js";
import { QuietGc, type Scheduler } from "../../../src/cli/quietGc.js";

/** A clock and timers moved by hand. */
class FakeScheduler implements Scheduler {
  time = 0;
  private timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  readonly now = (): number => this.time;
  readonly after = (ms: number, run: () => void): { cancel(): void } => {
    const timer = { at: this.time + ms, run, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  };
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.cancelled = true;
      due.run();
    }
    this.time = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
}

function setup(quietMs = 10_000): { scheduler: FakeScheduler; quiet: QuietGc; collections: number[] } {
  const scheduler = new FakeScheduler();
  const collections: number[] = [];
  const quiet = new QuietGc({ quietMs, scheduler, gc: () => void collections.push(scheduler.time) });
  return { scheduler, quiet, collections };
}

describe("QuietGc", () => {
  it("collects once the server has been quiet for the period after activity", () => {
    const { scheduler, quiet, collections } = setup();
    quiet.activity();
    scheduler.advance(9_999);
    expect(collections).toEqual([]);
    scheduler.advance(1);
    expect(collections).toEqual([10_000]);
  });

  it("never collects while requests keep coming, however long the load lasts", () => {
    const { scheduler, quiet, collections } = setup();
    for (let t = 0; t < 120_000; t += 2_000) {
      quiet.activity();
      scheduler.advance(2_000);
    }
    expect(collections).toEqual([]);
    scheduler.advance(8_000);
    expect(collections).toEqual([128_000]);
  });

  it("collects once per quiet period, not again while nothing happens", () => {
    const { scheduler, quiet, collections } = setup();
    quiet.activity();
    scheduler.advance(60_000);
    expect(collections).toEqual([10_000]);
    expect(scheduler.pending).toBe(0);
    quiet.activity();
    scheduler.advance(5_000);
    quiet.activity();
    scheduler.advance(60_000);
    expect(collections).toEqual([10_000, 75_000]);
  });

  it("needs activity: an idle server is never collected", () => {
    const { scheduler, collections } = setup();
    scheduler.advance(600_000);
    expect(collections).toEqual([]);
    expect(scheduler.pending).toBe(0);
  });

  it("arms one timer, not one per request", () => {
    const { scheduler, quiet } = setup();
    for (let i = 0; i < 1_000; i++) quiet.activity();
    expect(scheduler.pending).toBe(1);
  });

  it("stops on close: the pending timer is cancelled and later activity is ignored", () => {
    const { scheduler, quiet, collections } = setup();
    quiet.activity();
    scheduler.advance(5_000);
    quiet.close();
    expect(scheduler.pending).toBe(0);
    quiet.activity();
    scheduler.advance(60_000);
    expect(collections).toEqual([]);
  });
});

describe("compactingGc", () => {
  it("really collects: an object nothing holds is gone after it runs", async () => {
    const collect = compactingGc();
    const ref = (() => new WeakRef({ payload: new Array(10_000).fill("x") }))();
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef keeps its target until the job ends
    collect();
    expect(ref.deref()).toBeUndefined();
  });
});

describe("memory settings", () => {
  it("defaults: 100 % heap growth, a collection after 10 s quiet", () => {
    expect(readHeapSettings({})).toEqual({ growthPercent: 100, quietGcMs: 10_000 });
  });

  it("reads the operator's values, 0 leaving V8's growth and turning the collection off", () => {
    expect(readHeapSettings({ KINLINK_HEAP_GROWTH_PERCENT: "40", KINLINK_QUIET_GC_SECONDS: "30" })).toEqual({ growthPercent: 40, quietGcMs: 30_000 });
    expect(readHeapSettings({ KINLINK_HEAP_GROWTH_PERCENT: "0", KINLINK_QUIET_GC_SECONDS: "0" })).toEqual({ growthPercent: 0, quietGcMs: 0 });
  });

  it.each(["abc", "-5", "2.5", "5", "1001", ""])("refuses KINLINK_HEAP_GROWTH_PERCENT=%j with a message naming the variable", (value) => {
    expect(() => readHeapSettings({ KINLINK_HEAP_GROWTH_PERCENT: value })).toThrow(/KINLINK_HEAP_GROWTH_PERCENT/);
  });

  it("refuses a bad KINLINK_QUIET_GC_SECONDS", () => {
    expect(() => readHeapSettings({ KINLINK_QUIET_GC_SECONDS: "ten" })).toThrow(/KINLINK_QUIET_GC_SECONDS/);
    expect(() => readHeapSettings({ KINLINK_QUIET_GC_SECONDS: "100000" })).toThrow(/KINLINK_QUIET_GC_SECONDS/);
  });
});
