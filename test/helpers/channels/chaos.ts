/**
 * Random channel failures for resilience tests, the same on every run (seeded): a share of API calls
 * answer 500, a share 429 with a retry-after, and a few hang (never answer, so the client's timeout
 * must fire). The fake Telegram and Graph APIs consult it for every call nothing was scripted for.
 */
import { seededRandom } from "../storage/seededRandom.js";

export type ChaosAnswer = "serverError" | "rateLimit" | "hang";

export interface ChaosRates {
  readonly serverError: number;
  readonly rateLimit: number;
  readonly hang: number;
  /** Hangs cost a client timeout each: at most this many. */
  readonly maxHangs: number;
}

export class Chaos {
  readonly counts: Record<ChaosAnswer, number> = { serverError: 0, rateLimit: 0, hang: 0 };
  private readonly random: () => number;

  constructor(
    private readonly rates: ChaosRates,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** How to answer the next call, or undefined to answer it normally. */
  next(): ChaosAnswer | undefined {
    const draw = this.random();
    const answer =
      draw < this.rates.serverError ? "serverError"
      : draw < this.rates.serverError + this.rates.rateLimit ? "rateLimit"
      : draw < this.rates.serverError + this.rates.rateLimit + this.rates.hang && this.counts.hang < this.rates.maxHangs ? "hang"
      : undefined;
    if (answer) this.counts[answer]++;
    return answer;
  }
}
