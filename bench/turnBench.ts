/**
 * The turn's pure part alone (`runTurn`: parse the stored session, the engine, rendering) over the
 * load bench's scripts, without the store or the channels: µs per turn and the stored session's
 * size by part. Compare before and after a change to the engine or rendering.
 *
 *   node --import tsx bench/turnBench.ts [rounds=300]
 */
import { performance } from "node:perf_hooks";
import { runTurn } from "../src/app/conversation/runTurn.js";
import { turnUuids } from "../src/app/inbound/turnIds.js";
import type { Input } from "../src/dialog/engine/input.js";
import { projectContent } from "../test/helpers/project.js";
import { script, type Step } from "./families.js";

const content = projectContent();
const rounds = Number(process.argv[2] ?? 300);
const toInput = (step: Step): Input => ("text" in step ? { type: "text", text: step.text } : { type: "choice", id: step.choice });

function play(steps: readonly Step[]): { turns: number; state: unknown } {
  let state: unknown = null;
  let now = Date.parse("2026-01-15T09:00:00.000Z");
  steps.forEach((step, i) => {
    // The stored state goes through JSON, as it does through the store (plain data, no shared objects).
    const outcome = runTurn(content, { state, input: toInput(step), now: new Date((now += 60_000)), uuid: turnUuids(`m${i}`, 0) });
    state = JSON.parse(JSON.stringify(outcome.session));
  });
  return { turns: steps.length, state };
}

const scripts = [script("intake"), script("disclosure")];
for (let i = 0; i < 50; i++) for (const s of scripts) play(s); // warm-up
let turns = 0;
const started = performance.now();
for (let i = 0; i < rounds; i++) for (const s of scripts) turns += play(s).turns;
const elapsed = performance.now() - started;
console.log(`runTurn: ${((elapsed * 1000) / turns).toFixed(1)} µs per turn (${turns} turns, JSON round trip of the state included)`);

const { state } = play(script("intake"));
const parts = Object.entries(state as Record<string, unknown>).map(([key, value]) => [key, JSON.stringify(value).length] as const);
console.log(`stored session at the end of the intake: ${JSON.stringify(state).length} bytes of JSON`, Object.fromEntries(parts.sort((a, b) => b[1] - a[1])));
