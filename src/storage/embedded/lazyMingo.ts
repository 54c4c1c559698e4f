/**
 * mingo, loaded on first use. The embedded store answers the filters, updates and sorts kinlink
 * uses itself (compileFilter.ts, applyUpdate.ts, keyOrder.ts uses only mingo's small `compare`);
 * mingo is the fallback for everything else (projections, aggregation stages, rare operators,
 * partial indexes), and importing all of it costs ~13 MB of memory that most processes never
 * need. A synchronous `require` keeps the store's internals synchronous.
 */
import { createRequire } from "node:module";

type Mingo = typeof import("mingo");
type MingoUpdater = typeof import("mingo/updater");

const load = createRequire(import.meta.url);
let mingoModule: Mingo | undefined;
let updaterModule: MingoUpdater | undefined;

export function mingo(): Mingo {
  mingoModule ??= load("mingo") as Mingo;
  return mingoModule;
}

export function mingoUpdater(): MingoUpdater {
  updaterModule ??= load("mingo/updater") as MingoUpdater;
  return updaterModule;
}
