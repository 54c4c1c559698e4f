/**
 * What a classifier says about one message: a provisional level, the categories, and the reasons a
 * caseworker reads to judge it. Reasons quote the message's own words, so they are personal data:
 * they go to the case record for the caseworker and are never logged.
 *
 * @example { provisional: true, escalate: true, urgent: true, level: "high", categories: ["self_harm"],
 *            reasons: [{ source: "lexicon", lang: "en", category: "self_harm", level: "high",
 *                        rule: "en:self_harm.wish_to_die", matched: ["wanna", "die"], negated: false }] }
 */
import { z } from "zod";
import { RISK_CATEGORIES, RiskCategorySchema, RiskLevelSchema, URGENT_CATEGORIES, maxRiskLevel, riskRank, type RiskCategory, type RiskLevel } from "../domain/risk.js";

export const ReasonSchema = z.strictObject({
  /** Which classifier gave it: the offline lexicon, or an optional language model. */
  source: z.enum(["lexicon", "llm"]),
  /** The lexicon that matched (the message's language, or a fallback such as English). */
  lang: z.string().max(16).optional(),
  category: RiskCategorySchema,
  /** The level the rule gives; a negated match counts as "low" whatever this says. */
  level: RiskLevelSchema.exclude(["none"]),
  /** `<lang>:<category>.<entry id>` for the lexicon; a short label for a model. */
  rule: z.string().min(1).max(200),
  /** The words of the message that matched, as the person wrote them. */
  matched: z.array(z.string().max(200)).max(50),
  /** "he doesn't hit me any more": kept for the caseworker, but it does not escalate. */
  negated: z.boolean(),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const AssessmentSchema = z.strictObject({
  /** Always true: the bot's level is for a caseworker to confirm (DOMAIN.md). */
  provisional: z.literal(true),
  escalate: z.boolean(),
  /** Help contacts go first: an urgent category (immediate danger, self-harm) at medium or high. */
  urgent: z.boolean(),
  level: RiskLevelSchema,
  categories: z.array(RiskCategorySchema),
  reasons: z.array(ReasonSchema),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** High or medium goes to a person; low and none are kept on the record only. */
export function escalates(level: RiskLevel): boolean {
  return riskRank(level) >= riskRank("medium");
}

/** What a reason contributes: its level, or "low" when the words were negated. */
export function effectiveLevel(reason: Reason): RiskLevel {
  return reason.negated ? "low" : reason.level;
}

/** Builds the assessment that a set of reasons implies; the one place level, escalate and urgent are decided. */
export function assessmentFrom(reasons: readonly Reason[]): Assessment {
  const level = maxRiskLevel(reasons.map(effectiveLevel));
  const present = new Set<RiskCategory>(reasons.map((r) => r.category));
  const urgent = reasons.some((r) => URGENT_CATEGORIES.has(r.category) && escalates(effectiveLevel(r)));
  return {
    provisional: true,
    escalate: escalates(level),
    urgent,
    level,
    categories: RISK_CATEGORIES.filter((c) => present.has(c)),
    reasons: [...reasons],
  };
}

export const NO_RISK: Assessment = Object.freeze({ provisional: true, escalate: false, urgent: false, level: "none", categories: [], reasons: [] });
