/**
 * Dates as people write them. Exact: "2024-03-15", "15/3/2024" (day first, as most of the world
 * writes it), "15 March 2024", "today". Approximate: "3 days ago", "il y a une semaine",
 * "last month", "in March", "2019", "about 2 weeks ago". Results are ISO dates (YYYY-MM-DD), computed
 * from the injected `now`, never the machine clock.
 */
import { isApproximate, readNumbers } from "./parseNumber.js";
import { normalizeForMatch } from "./normalize.js";
import { fail, type ParseResult } from "./result.js";
import type { Vocabulary } from "./vocabulary.js";

const iso = (d: Date): string => d.toISOString().slice(0, 10);

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date : undefined;
}

function hasWord(normalized: string, list: readonly string[]): boolean {
  const padded = ` ${normalized} `;
  return list.some((w) => {
    const n = normalizeForMatch(w);
    return n !== "" && padded.includes(` ${n} `);
  });
}

/** Which month (1-12) a normalised text names, if any. */
function findMonth(normalized: string, vocabulary: Vocabulary): number | undefined {
  const index = vocabulary.dates.months.findIndex((names) => hasWord(normalized, names));
  return index >= 0 ? index + 1 : undefined;
}

function subtract(now: Date, amount: number, unit: "day" | "week" | "month" | "year"): Date {
  const d = new Date(now.getTime());
  if (unit === "day") d.setUTCDate(d.getUTCDate() - amount);
  if (unit === "week") d.setUTCDate(d.getUTCDate() - 7 * amount);
  if (unit === "month") d.setUTCMonth(d.getUTCMonth() - amount);
  if (unit === "year") d.setUTCFullYear(d.getUTCFullYear() - amount);
  return d;
}

function parseNumeric(text: string): Date | "invalid" | undefined {
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (isoMatch) return utcDate(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])) ?? "invalid";
  const dmy = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(text);
  if (!dmy) return undefined;
  const year = Number(dmy[3]) < 100 ? 2000 + Number(dmy[3]) : Number(dmy[3]);
  return utcDate(year, Number(dmy[2]), Number(dmy[1])) ?? "invalid";
}

/** An exact date, or undefined when the text does not name one day. */
function parseExact(raw: string, now: Date, vocabulary: Vocabulary): Date | "invalid" | undefined {
  const text = normalizeForMatch(raw).replace(/\s*([/.])\s*/g, "$1");
  const numeric = parseNumeric(text);
  if (numeric !== undefined) return numeric;
  // "mwaka jana" is "last year" in Swahili, though "jana" alone is "yesterday": a unit word wins.
  const units = vocabulary.dates.units;
  const namesUnit = [units.day, units.week, units.month, units.year].some((list) => hasWord(text, list));
  if (!namesUnit && hasWord(text, vocabulary.dates.today)) return now;
  if (!namesUnit && hasWord(text, vocabulary.dates.yesterday)) return subtract(now, 1, "day");
  const month = findMonth(text, vocabulary);
  const numbers = readNumbers(text, vocabulary);
  const [day, year] = numbers;
  if (month !== undefined && numbers.length === 2 && day !== undefined && year !== undefined && year > 1900) {
    return utcDate(year, month, day) ?? "invalid";
  }
  return undefined;
}

function parseRelative(normalized: string, now: Date, vocabulary: Vocabulary): Date | undefined {
  const units = vocabulary.dates.units;
  const unit = (["day", "week", "month", "year"] as const).find((u) => hasWord(normalized, units[u]));
  if (unit && (hasWord(normalized, vocabulary.dates.ago) || hasWord(normalized, vocabulary.dates.last))) {
    const [amount] = readNumbers(normalized, vocabulary);
    return subtract(now, amount ?? 1, unit);
  }
  const numbers = readNumbers(normalized, vocabulary);
  const month = findMonth(normalized, vocabulary);
  const year = numbers.find((n) => n > 1900 && n <= now.getUTCFullYear());
  if (month !== undefined) {
    // "March" alone is the most recent March; "March 2022" that month. The middle of the month.
    const thisYear = now.getUTCFullYear();
    const y = year ?? (month - 1 > now.getUTCMonth() ? thisYear - 1 : thisYear);
    return utcDate(y, month, 15);
  }
  if (year !== undefined && numbers.length === 1) return utcDate(year, 7, 1);
  return undefined;
}

export function parseDate(raw: string, approximate: boolean, now: Date, vocabulary: Vocabulary): ParseResult {
  const exact = parseExact(raw, now, vocabulary);
  if (exact === "invalid") return fail("not_a_date");
  const normalized = normalizeForMatch(raw);
  if (exact !== undefined) {
    if (exact.getTime() > now.getTime()) return fail("date_in_future");
    return { ok: true, value: iso(exact), estimated: approximate && isApproximate(normalized, raw, vocabulary) };
  }
  if (!approximate) return fail("not_a_date");
  const relative = parseRelative(normalized, now, vocabulary);
  if (relative === undefined) return fail("not_a_date");
  if (relative.getTime() > now.getTime()) return fail("date_in_future");
  return { ok: true, value: iso(relative), estimated: true };
}
