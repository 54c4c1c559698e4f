/**
 * Aggregation on the embedded backend: a leading `$match` uses the indexes, mingo runs the rest on
 * copies. Stages that reach other collections or write ($lookup, $out, $merge…) are refused, so
 * code that works here cannot depend on what the port does not promise.
 */
import { UnsupportedOperationError } from "./embeddedErrors.js";
import { mingo } from "./lazyMingo.js";
import type { MemoryCollection } from "./memoryCollection.js";
import { copyOut } from "./entryOutput.js";

const STAGES = new Set(["$match", "$group", "$sort", "$skip", "$limit", "$project", "$unwind", "$count", "$addFields", "$set"]);

export function aggregateEntries(memory: MemoryCollection, pipeline: { [key: string]: unknown }[]): { [key: string]: unknown }[] {
  for (const stage of pipeline) {
    for (const name of Object.keys(stage)) {
      if (!STAGES.has(name)) throw new UnsupportedOperationError(`aggregation stage ${name}`);
    }
  }
  const [first, ...rest] = pipeline;
  const leading = first?.["$match"];
  const matchFirst = leading !== null && typeof leading === "object" && !Array.isArray(leading);
  const entries = matchFirst ? memory.matching({ ...leading }) : [...memory.entries()];
  const docs = entries.map((entry) => copyOut(memory.read(entry, false)));
  const stages = matchFirst ? rest : pipeline;
  return stages.length === 0 ? docs : mingo().aggregate(docs, stages);
}
