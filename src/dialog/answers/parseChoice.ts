/**
 * Choices, from a button press (its id) or from typed text: the number shown next to it ("2"), the
 * label in the person's language ("Female", "أنثى"), or a unique beginning of it ("fem").
 */
import { normalizeForMatch } from "./normalize.js";
import { fail, type ParseResult } from "./result.js";

export interface LabelledChoice {
  readonly id: string;
  /** The label as shown to the person, in their language. */
  readonly label: string;
}

function matchOne(token: string, choices: readonly LabelledChoice[]): LabelledChoice | undefined {
  if (/^\d+$/.test(token)) return choices[Number(token) - 1];
  const exact = choices.find((c) => normalizeForMatch(c.label) === token || c.id === token);
  if (exact) return exact;
  if (token.length < 3) return undefined;
  const prefixed = choices.filter((c) => normalizeForMatch(c.label).startsWith(token));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

export function parseChoice(raw: string, choices: readonly LabelledChoice[]): ParseResult {
  const choice = matchOne(normalizeForMatch(raw), choices);
  return choice ? { ok: true, value: choice.id } : fail("not_a_choice", { count: choices.length });
}

/** Several choices: "1, 3", "1 and 3", "Food, Water". Duplicates are ignored; order follows the list. */
export function parseMultiChoice(raw: string, choices: readonly LabelledChoice[], joiners: readonly string[]): ParseResult {
  const normalized = normalizeForMatch(raw.replace(/[,;،、]/g, " , "));
  const whole = matchOne(normalized, choices);
  if (whole) return { ok: true, value: [whole.id] };
  const joinerSet = new Set(joiners.map(normalizeForMatch));
  const parts = normalized
    .split(/\s*,\s*|\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== "" && p !== "," && !joinerSet.has(p));
  const picked = new Set<string>();
  for (const part of parts) {
    const choice = matchOne(part, choices);
    if (!choice) return fail("not_a_choice", { count: choices.length });
    picked.add(choice.id);
  }
  if (picked.size === 0) return fail("not_a_choice", { count: choices.length });
  return { ok: true, value: choices.filter((c) => picked.has(c.id)).map((c) => c.id) };
}
