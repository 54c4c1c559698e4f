/**
 * The words a language uses for answers and commands: what "yes", "I don't know", "3 days ago" or
 * "help" look like. Data, not code: `locales/<lang>/vocabulary.json`, which NGOs extend. All entries
 * are matched after `normalizeForMatch`, so case, accents and digit scripts do not matter.
 */
import { z } from "zod";

const words = z.array(z.string().min(1)).default([]);

export const COMMANDS = ["help", "back", "restart", "pause", "language", "person", "stop"] as const;
export type Command = (typeof COMMANDS)[number];

export const VocabularySchema = z.strictObject({
  yes: words,
  no: words,
  dont_know: words,
  skip: words,
  /** Words that make an answer approximate: "about 7", "around March". */
  approximately: words,
  /** Number words: { "one": 1, "seven": 7, "twenty": 20 }. Digits in any script are understood anyway. */
  number_words: z.record(z.string(), z.number().int().min(0)).default({}),
  /** Words joining a range, "5 or 6", "5-6": the answer becomes approximate. */
  range_joiners: words,
  commands: z.strictObject({
    help: words,
    back: words,
    restart: words,
    pause: words,
    language: words,
    person: words,
    stop: words,
  }),
  dates: z.strictObject({
    today: words,
    yesterday: words,
    /** "ago" (after or before the amount: "3 days ago", "il y a 3 jours", "منذ 3 أيام"). */
    ago: words,
    /** "last" in "last week", "last month". */
    last: words,
    units: z.strictObject({ day: words, week: words, month: words, year: words }),
    /** Twelve lists of month names, January first. */
    months: z.array(words).length(12),
  }),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;
export type VocabularyInput = z.input<typeof VocabularySchema>;
