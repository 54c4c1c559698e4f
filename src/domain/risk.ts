/**
 * Risk vocabulary shared by the dialog engine, the triage and the caseworker queue.
 * Levels follow the inter-agency case-management SOP; the bot's level is always provisional,
 * for a caseworker to confirm (DOMAIN.md). Categories align with Primero's protection concerns.
 */
import { z } from "zod";

export const RISK_LEVELS = ["none", "low", "medium", "high"] as const;
export const RiskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

export const RISK_CATEGORIES = [
  "immediate_danger",
  "physical_violence",
  "sexual_violence",
  "self_harm",
  "trafficking",
  "armed_recruitment",
  "child_marriage",
  "medical_emergency",
  "unaccompanied",
  "neglect",
] as const;
export const RiskCategorySchema = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof RiskCategorySchema>;

/** Categories whose first reply must be help contacts, before any further question. */
export const URGENT_CATEGORIES: ReadonlySet<RiskCategory> = new Set(["immediate_danger", "self_harm"]);

/** Orders levels so that the highest of several flags can be taken. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxRiskLevel(levels: Iterable<RiskLevel>): RiskLevel {
  let best: RiskLevel = "none";
  for (const level of levels) if (riskRank(level) > riskRank(best)) best = level;
  return best;
}
