/**
 * Scores the classifier against labelled messages (`test/risk/eval/<lang>.jsonl`), per language:
 * recall of high-risk messages (escalated, and strictly rated high), the false-alarm rate (messages
 * labelled none or low that escalate), precision, category recall and a level confusion table.
 */
import { z } from "zod";
import { RiskCategorySchema, RiskLevelSchema, type RiskLevel } from "../domain/risk.js";
import { escalates, type Assessment } from "./assessment.js";

export const LabelledMessageSchema = z.strictObject({
  id: z.string().min(1),
  lang: z.string().min(1),
  text: z.string(),
  expected_level: RiskLevelSchema,
  expected_categories: z.array(RiskCategorySchema),
  /** Why a hard case is labelled as it is. */
  note: z.string().optional(),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

/** Issue #6: nothing missed, few false alarms, in every language. */
export const TARGETS = { highRecall: 0.95, falseAlarmRate: 0.1 } as const;

export interface Scored {
  readonly item: LabelledMessage;
  readonly assessment: Assessment;
}

export interface LanguageScore {
  readonly lang: string;
  readonly n: number;
  readonly high: number;
  /** Share of high-risk messages that escalate. */
  readonly highRecall: number;
  /** Share of high-risk messages rated high. */
  readonly highStrict: number;
  readonly medium: number;
  readonly mediumRecall: number;
  readonly negatives: number;
  readonly falseAlarmRate: number;
  /** Share of escalated messages labelled medium or high. */
  readonly precision: number;
  /** Share of the expected categories of escalated positives that were found. */
  readonly categoryRecall: number;
  /** confusion[expected][predicted] counts. */
  readonly confusion: Readonly<Record<RiskLevel, Readonly<Record<RiskLevel, number>>>>;
  readonly misses: readonly Scored[];
  readonly falseAlarms: readonly Scored[];
  readonly meetsTargets: boolean;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

function emptyConfusion(): Record<RiskLevel, Record<RiskLevel, number>> {
  const row = (): Record<RiskLevel, number> => ({ none: 0, low: 0, medium: 0, high: 0 });
  return { none: row(), low: row(), medium: row(), high: row() };
}

function scoreLanguage(lang: string, scored: readonly Scored[]): LanguageScore {
  const confusion = emptyConfusion();
  for (const s of scored) confusion[s.item.expected_level][s.assessment.level] += 1;
  const high = scored.filter((s) => s.item.expected_level === "high");
  const medium = scored.filter((s) => s.item.expected_level === "medium");
  const negatives = scored.filter((s) => !escalates(s.item.expected_level));
  const escalated = scored.filter((s) => s.assessment.escalate);
  const positives = [...high, ...medium].filter((s) => s.assessment.escalate);
  const expectedCats = positives.reduce((n, s) => n + s.item.expected_categories.length, 0);
  const foundCats = positives.reduce((n, s) => n + s.item.expected_categories.filter((c) => s.assessment.categories.includes(c)).length, 0);
  const misses = [...high, ...medium].filter((s) => !s.assessment.escalate);
  const falseAlarms = negatives.filter((s) => s.assessment.escalate);
  const highRecall = ratio(high.filter((s) => s.assessment.escalate).length, high.length);
  const falseAlarmRate = negatives.length === 0 ? 0 : falseAlarms.length / negatives.length;
  return {
    lang,
    n: scored.length,
    high: high.length,
    highRecall,
    highStrict: ratio(high.filter((s) => s.assessment.level === "high").length, high.length),
    medium: medium.length,
    mediumRecall: ratio(medium.filter((s) => s.assessment.escalate).length, medium.length),
    negatives: negatives.length,
    falseAlarmRate,
    precision: ratio(escalated.filter((s) => escalates(s.item.expected_level)).length, escalated.length),
    categoryRecall: ratio(foundCats, expectedCats),
    confusion,
    misses,
    falseAlarms,
    meetsTargets: highRecall >= TARGETS.highRecall && falseAlarmRate <= TARGETS.falseAlarmRate,
  };
}

export function scoreEvaluation(scored: readonly Scored[]): LanguageScore[] {
  const langs = [...new Set(scored.map((s) => s.item.lang))].sort();
  return langs.map((lang) => scoreLanguage(lang, scored.filter((s) => s.item.lang === lang)));
}
