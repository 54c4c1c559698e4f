/** Identifier source. Injected so that golden conversations get the same ids on every run. */
export interface Ids {
  uuid(): string;
}
