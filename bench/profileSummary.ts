/**
 * Summarises a V8 CPU profile (`--cpu-prof`, as `npm run bench -- --profile` writes): self time by
 * function and by where the code lives (a package under node_modules, a folder of src/, node
 * internals), and inclusive time for the functions that matter. Flame graphs: open the same file in
 * Chrome DevTools (Performance) or speedscope.
 *
 *   node --import tsx bench/profileSummary.ts bench/profiles/<file>.cpuprofile [top=25]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const file = process.argv[2];
if (!file) throw new Error("usage: profileSummary.ts <file.cpuprofile> [top]");
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfTime = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
  total += dt;
});

function where(url: string): string {
  if (url === "") return "(native / V8)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return `npm:${modules[1]}`;
  const source = /\/(src|bench|test)\/(.*)$/.exec(url);
  if (source) return `${source[1]}/${source[2]?.split("/").slice(0, -1).join("/") ?? ""}`;
  if (url.startsWith("node:")) return "node internals";
  return url;
}
const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*\/(node_modules|src|bench)\//, "$1/");
  return `${functionName || "(anonymous)"} ${short ? `${short}:${lineNumber + 1}` : ""}`.trim();
};

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of selfTime) {
  const node = byId.get(id);
  if (!node) continue;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + time);
  selfByPlace.set(where(node.callFrame.url), (selfByPlace.get(where(node.callFrame.url)) ?? 0) + time);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const name = label(frame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}

const pct = (time: number): string => `${((time / total) * 100).toFixed(1).padStart(5)} %`;
const print = (title: string, map: Map<string, number>, n: number): void => {
  console.log(`\n${title}`);
  for (const [name, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(time)}  ${name}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print("self time by place", selfByPlace, 20);
print("self time by function", selfByFunction, top);
print("inclusive time (kinlink and library entry points)", new Map([...inclusive].filter(([name]) => !/^\((root|program|idle|garbage collector)\)/.test(name) && /src\/|mingo|zod|bson|i18next|fastify|grammy|whatsapp|node-fetch|undici/.test(name))), top);
