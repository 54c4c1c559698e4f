/**
 * One full garbage collection once the server has been quiet for a while after activity, so that
 * a server between bursts holds its live data rather than the garbage of the last burst (V8's own
 * memory reducer does not run in this process; see heapSettings.ts). Never during load: the timer
 * fires only once `quietMs` have passed since the last activity, and a collection needs activity
 * since the previous one, so an idle server collects once, not every `quietMs`.
 *
 * Activity is what the caller reports (`kinlink start`: every HTTP request, webhooks included).
 * Recording it is a field write; no timer is touched per request. The quiet period (10 s by
 * default) is well above the gaps inside a burst (a family answers within seconds; a platform
 * redelivers after longer), and a full collection of a large heap pauses the server for about a
 * tenth of a second, which a request arriving just then waits for.
 */

export interface Scheduler {
  readonly now: () => number;
  /** Calls `run` once after `ms`; the handle must not keep the process alive (unref). */
  readonly after: (ms: number, run: () => void) => { cancel(): void };
}

export const realScheduler: Scheduler = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

export interface QuietGcOptions {
  readonly quietMs: number;
  readonly gc: () => void;
  readonly scheduler?: Scheduler;
}

export class QuietGc {
  private readonly quietMs: number;
  private readonly gc: () => void;
  private readonly scheduler: Scheduler;
  private lastActivity = 0;
  /** Armed from the first activity after a collection until the next collection. */
  private timer: { cancel(): void } | undefined;
  private closed = false;

  constructor(options: QuietGcOptions) {
    this.quietMs = options.quietMs;
    this.gc = options.gc;
    this.scheduler = options.scheduler ?? realScheduler;
  }

  /** Something happened: the quiet period starts again from now. */
  activity(): void {
    if (this.closed) return;
    this.lastActivity = this.scheduler.now();
    this.timer ??= this.scheduler.after(this.quietMs, () => this.check());
  }

  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private check(): void {
    if (this.closed) return;
    const quietFor = this.scheduler.now() - this.lastActivity;
    if (quietFor < this.quietMs) {
      this.timer = this.scheduler.after(this.quietMs - quietFor, () => this.check());
      return;
    }
    this.timer = undefined;
    this.gc();
  }
}
