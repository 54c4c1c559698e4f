/** The time source. Injected everywhere so that tests and golden conversations run on a fixed clock. */
export interface Clock {
  now(): Date;
}
