/**
 * The format of `locales/<lang>/risk.json`: the words and phrases that signal risk in one language.
 * It is data an NGO staffer edits, so it has no regular expressions. A phrase is words separated by
 * spaces, with a few marks (see `phrase.ts`):
 *
 *   beat*            a word starting with "beat" (beats, beaten, beating)
 *   *piga            a word ending with "piga" (ananipiga, walimpiga)
 *   *nipig*          a word containing "nipig"
 *   hit/hits/hitting any one of these words
 *   (really)         an optional word
 *   *                any one word
 *   ...              up to three words
 *
 * Everything is compared after the same normalisation as the message (case, accents, Arabic letter
 * variants, apostrophes, repeated letters, the `spellings` below), so "Don't", "dont" and "do not"
 * are one phrase.
 *
 * @example { "language": "en", "version": 1, "spellings": { "kms": "kill myself" },
 *            "negation": { "cues": ["not", "never"], "scope": 3 },
 *            "exclusions": [{ "id": "dying_to", "phrases": ["dying to"] }],
 *            "categories": { "self_harm": [{ "id": "wish_to_die", "level": "high", "phrases": ["want* to die"] }] } }
 */
import { z } from "zod";
import { RiskCategorySchema, RiskLevelSchema } from "../domain/risk.js";

/** Limits keep a mistaken edit from slowing every message down. */
export const MAX_PHRASE_CHARS = 240;
export const MAX_PHRASES_PER_ENTRY = 200;
export const MAX_ENTRIES_PER_CATEGORY = 200;
export const MAX_NEGATION_SCOPE = 6;
export const MAX_NEAR_DISTANCE = 10;

const id = z.string().regex(/^[a-z0-9_]{1,60}$/, "use lower-case letters, digits and _ (at most 60)");
const phrase = z.string().trim().min(1).max(MAX_PHRASE_CHARS);
const phrases = z.array(phrase).max(MAX_PHRASES_PER_ENTRY);
const words = z.array(z.string().trim().min(1).max(40)).max(500);

/** Two phrases close to each other in either order: "touch*" within 4 words of "private*". */
export const NearSchema = z.strictObject({
  words: z.tuple([phrase, phrase]),
  within: z.number().int().min(1).max(MAX_NEAR_DISTANCE),
});

export const EntrySchema = z
  .strictObject({
    id,
    level: RiskLevelSchema.exclude(["none"]),
    phrases: phrases.default([]),
    near: z.array(NearSchema).max(50).default([]),
    /** Why this entry is here, for the next reviewer. Never shown to users. */
    note: z.string().max(500).optional(),
  })
  .refine((e) => e.phrases.length + e.near.length > 0, { message: "give at least one phrase or near rule" });
export type LexiconEntry = z.infer<typeof EntrySchema>;

const entries = z.array(EntrySchema).max(MAX_ENTRIES_PER_CATEGORY).default([]);

/** Every category of `domain/risk.ts`; a category left out has no entries (the loader warns). */
const CategoriesSchema = z.strictObject({
  immediate_danger: entries,
  physical_violence: entries,
  sexual_violence: entries,
  self_harm: entries,
  trafficking: entries,
  armed_recruitment: entries,
  child_marriage: entries,
  medical_emergency: entries,
  unaccompanied: entries,
  neglect: entries,
});

export const NegationSchema = z.strictObject({
  /** Words that negate a match a few words after them: "not", "never", "no longer". */
  cues: words.default([]),
  /** How many words before a match a cue still negates it. */
  scope: z.number().int().min(1).max(MAX_NEGATION_SCOPE).default(3),
  /** How many words after a match a cue negates it: French SMS drops "ne" and keeps "pas" ("il me frappe pas"). 0 for most languages. */
  after: z.number().int().min(0).max(MAX_NEGATION_SCOPE).default(0),
  /** Phrases with a cue that do not negate: "never stops", "no one", "not only". */
  except: phrases.default([]),
  /** Words that end a cue's reach: "but", "because". Punctuation always does. */
  breakers: words.default([]),
});

/** Phrases that cancel a match they overlap: "dying to see", "my battery is dying", "kill time". */
export const ExclusionSchema = z.strictObject({
  id,
  phrases: phrases.min(1),
  /** Only these categories are cancelled; all when absent. */
  categories: z.array(RiskCategorySchema).min(1).optional(),
  /**
   * "overlap" (default) cancels a match sharing a word with the phrase ("dying to see"); "clause"
   * cancels every match in the same clause ("I saw on the news there was shooting near a school").
   */
  scope: z.enum(["overlap", "clause"]).default("overlap"),
  note: z.string().max(500).optional(),
});

export const LexiconSchema = z.strictObject({
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$/, "a language code like fr, ar or fa-AF"),
  version: z.literal(1),
  note: z.string().max(2000).optional(),
  /** Whole-word rewrites applied before matching: chat spellings and common misspellings. "kms" -> "kill myself". */
  spellings: z.record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(80)).default({}),
  /** Short words written joined to the next one, tried off the front of every word (Arabic و ب ل ال). */
  prefixes: words.default([]),
  negation: NegationSchema.default({ cues: [], scope: 3, after: 0, except: [], breakers: [] }),
  exclusions: z.array(ExclusionSchema).max(500).default([]),
  categories: CategoriesSchema,
});
export type Lexicon = z.infer<typeof LexiconSchema>;
export type LexiconInput = z.input<typeof LexiconSchema>;
