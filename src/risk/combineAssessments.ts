/**
 * Combines the rules' assessment with an optional second opinion (a language model). The second
 * opinion can only raise: a higher level, more categories, more reasons. It can never lower a level,
 * drop a category or hide a reason, and anything malformed or missing changes nothing — the offline
 * rules stay the floor whatever a model returns.
 */
import { maxRiskLevel, RISK_CATEGORIES, type RiskCategory } from "../domain/risk.js";
import { AssessmentSchema, assessmentFrom, escalates, type Assessment, type Reason } from "./assessment.js";

/** A model that names a level and categories without explaining them still leaves a reason per category. */
function llmReasons(llm: Assessment): Reason[] {
  const reasons: Reason[] = llm.reasons.map((r) => ({ ...r, source: "llm" }));
  const level = llm.level === "none" ? undefined : llm.level;
  for (const category of llm.categories) {
    if (level && !reasons.some((r) => r.category === category)) reasons.push({ source: "llm", category, level, rule: "llm", matched: [], negated: false });
  }
  return reasons;
}

export function combineAssessments(rules: Assessment, llm?: unknown): Assessment {
  if (llm === undefined || llm === null) return rules;
  const parsed = AssessmentSchema.safeParse(llm);
  if (!parsed.success) return rules;
  const extra = llmReasons(parsed.data);
  const merged = assessmentFrom([...rules.reasons, ...extra]);
  const level = maxRiskLevel([rules.level, merged.level, parsed.data.level]);
  const categories = new Set<RiskCategory>([...rules.categories, ...merged.categories, ...parsed.data.categories]);
  return {
    provisional: true,
    escalate: rules.escalate || escalates(level),
    urgent: rules.urgent || merged.urgent || parsed.data.urgent,
    level,
    categories: RISK_CATEGORIES.filter((c) => categories.has(c)),
    reasons: merged.reasons,
  };
}
