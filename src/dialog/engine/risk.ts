/**
 * Dialog risk rules: after each answer, the current step's rules and every active dialog's
 * record-wide rules are checked. A rule fires once per conversation (once per item inside a repeat).
 * Urgent categories put help contacts in front of anything else the turn says.
 */
import { URGENT_CATEGORIES } from "../../domain/risk.js";
import type { RiskRule } from "../schema/dialogSchema.js";
import { evaluate } from "./evaluate.js";
import { scopePath } from "./record.js";
import type { Frame } from "./session.js";
import { emit, frameDialog, qualify, type Turn } from "./turn.js";

export const SAFETY_CONTACTS_KEY = "common:safety.contacts";

/** `tracing.young_child@sought_children[1]`: inside a repeat, a rule fires once per item. */
function ruleKey(dialogId: string, rule: RiskRule, frame: Frame): string {
  const where = scopePath(frame.scope);
  return where === "" ? `${dialogId}.${rule.id}` : `${dialogId}.${rule.id}@${where}`;
}

/** Shows help contacts once per turn, first among the messages still to come. */
export function showUrgentContacts(turn: Turn, trigger: "command" | "urgent_flag"): void {
  const already = turn.events.some((e) => e.type === "message" && e.key === SAFETY_CONTACTS_KEY);
  if (already) return;
  emit(turn, { type: "help_shown", trigger });
  emit(turn, { type: "message", key: SAFETY_CONTACTS_KEY, urgent: true, ...audience(turn) });
}

function audience(turn: Turn): { audience?: "child" | "adult" } {
  return turn.session.audience ? { audience: turn.session.audience } : {};
}

function applyRules(turn: Turn, rules: readonly RiskRule[], dialogId: string, frame: Frame, stepId: string): void {
  for (const rule of rules) {
    const key = ruleKey(dialogId, rule, frame);
    if (turn.session.flags.some((f) => f.rule === key)) continue;
    if (!evaluate(rule.when, turn.session, frame.scope)) continue;
    const reason = rule.reason ? qualify(rule.reason, dialogId) : undefined;
    turn.session.flags.push({
      rule: key,
      category: rule.category,
      level: rule.level,
      dialog: dialogId,
      step: stepId,
      at: turn.env.now.toISOString(),
      ...(reason ? { reason } : {}),
    });
    emit(turn, { type: "risk_flagged", rule: key, category: rule.category, level: rule.level, dialog: dialogId, step: stepId, ...(reason ? { reason } : {}) });
    if (URGENT_CATEGORIES.has(rule.category)) showUrgentContacts(turn, "urgent_flag");
  }
}

/** Runs after an answer was saved at `frame` (whose step is the answered question). */
export function checkRisk(turn: Turn, frame: Frame, stepRules: readonly RiskRule[]): void {
  applyRules(turn, stepRules, frame.dialog, frame, frame.step);
  const seen = new Set<string>();
  for (const active of [...turn.session.stack].reverse()) {
    if (seen.has(active.dialog)) continue;
    seen.add(active.dialog);
    applyRules(turn, frameDialog(turn, active).risk, active.dialog, active, frame.step);
  }
}
