import type { Clock } from "../../../src/ports/clock.js";

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start = Date.parse("2025-03-01T09:00:00.000Z")) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  /** Steps forward 1 ms per call, so records created in a row have distinct, ordered times. */
  tick(): Date {
    this.current += 1;
    return this.now();
  }
}
