/**
 * Spreads work evenly at a fixed rate, for the soak (half the sustained rate, not full load): work
 * scheduled beyond the rate waits its turn; a pause does not bank a burst for later.
 */
const TICK_MS = 10;

export class Pacer {
  private readonly waiting: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();
  private released = 0;

  constructor(private readonly perSecond: number) {
    this.timer = setInterval(() => this.release(), TICK_MS);
  }

  schedule(work: () => void): void {
    this.waiting.push(work);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private release(): void {
    const due = Math.floor(((performance.now() - this.startedAt) / 1000) * this.perSecond);
    while (this.released < due && this.waiting.length > 0) {
      this.released++;
      this.waiting.shift()?.();
    }
    if (this.waiting.length === 0) this.released = due;
  }
}
