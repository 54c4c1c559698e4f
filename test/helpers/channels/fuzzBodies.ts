/**
 * Seeded mutations of webhook bodies for the fuzz test: byte flips, inserts, deletes and truncations,
 * dropped fields, values of the wrong type, deep nesting, huge strings and invalid UTF-8. The same
 * seed gives the same bodies, so a failure can be replayed.
 */

/** mulberry32: small, fast and good enough to drive mutations. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("empty");
    return item;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const DEEP = "__FUZZ_DEEP__";
const HUGE = "__FUZZ_HUGE__";

/** Every container in the tree, with the keys (or indexes) of its children. */
type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

function containers(value: Json, found: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      found.push({ parent: value, key: i });
      containers(child, found);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, child] of Object.entries(value)) {
      found.push({ parent: value, key: k });
      containers(child, found);
    }
  }
  return found;
}

const WRONG: readonly Json[] = [null, 0, -1, 1.5, 1e308, -1e308, "", "x", "١٢٣", [], {}, true, false, "\u0000", "a".repeat(300), { type: "text" }, [1, "2", null]];

function mutateTree(rng: Rng, root: Json): void {
  const slots = containers(root);
  if (slots.length === 0) return;
  const { parent, key } = rng.pick(slots);
  const set = (value: Json): void => {
    if (Array.isArray(parent) && typeof key === "number") parent[key] = value;
    else if (!Array.isArray(parent) && typeof key === "string") parent[key] = value;
  };
  switch (rng.int(5)) {
    case 0:
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else if (!Array.isArray(parent) && typeof key === "string") delete parent[key];
      return;
    case 1:
      return set(structuredClone(rng.pick(WRONG)));
    case 2:
      return set(DEEP);
    case 3:
      return set(HUGE);
    default:
      return set(rng.pick(["text", "interactive", "image", "location", "button", "audio", "sticker", "unknown", "button_reply", "list_reply", "failed", "read"]));
  }
}

function render(rng: Rng, root: Json): Buffer {
  let text = JSON.stringify(root);
  if (text.includes(`"${DEEP}"`)) {
    const depth = 100 + rng.int(20_000);
    const open = rng.int(2) === 0 ? "[" : '{"a":';
    text = text.replace(`"${DEEP}"`, `${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}`);
  }
  if (text.includes(`"${HUGE}"`)) text = text.replace(`"${HUGE}"`, JSON.stringify("ж".repeat(1000 + rng.int(200_000))));
  return Buffer.from(text, "utf8");
}

const NASTY_BYTES = [0xff, 0xfe, 0xc0, 0xc3, 0xed, 0xa0, 0x80, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x00, 0x2c, 0x3a];

function mutateBytes(rng: Rng, input: Buffer): Buffer {
  const at = rng.int(input.length + 1);
  const head = input.subarray(0, at);
  switch (rng.int(5)) {
    case 0: {
      if (input.length === 0) return input;
      const copy = Buffer.from(input);
      const i = Math.min(at, copy.length - 1);
      copy[i] = (copy[i] ?? 0) ^ (1 << rng.int(8));
      return copy;
    }
    case 1:
      return Buffer.concat([head, Buffer.from(Array.from({ length: 1 + rng.int(4) }, () => rng.pick(NASTY_BYTES))), input.subarray(at)]);
    case 2:
      return Buffer.concat([head, input.subarray(at + 1 + rng.int(16))]);
    case 3:
      return head;
    default:
      return Buffer.concat([head, input.subarray(rng.int(input.length), rng.int(input.length)), input.subarray(at)]);
  }
}

/** One mutated body from a valid seed body: 1-3 structural mutations, then maybe byte-level ones. */
export function mutatedBody(rng: Rng, seed: unknown): Buffer {
  const tree: Json = JSON.parse(JSON.stringify(seed));
  const structural = rng.int(4);
  for (let i = 0; i < structural; i++) mutateTree(rng, tree);
  let body = render(rng, tree);
  if (structural === 0 || rng.int(3) === 0) {
    const byteMutations = 1 + rng.int(3);
    for (let i = 0; i < byteMutations; i++) body = mutateBytes(rng, body);
  }
  return body;
}
