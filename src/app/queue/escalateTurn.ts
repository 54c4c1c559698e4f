/**
 * Puts a conversation in the caseworker queue when a turn calls for a person: a high or medium risk
 * flag (from the dialog's rules or the free-text classifier), a request to talk to a person, or a
 * completed record that carries any flag. Reasons are codes (`rule:intake.not_safe_now`,
 * `handoff:user_request`, `text:self_harm`), never message text.
 */
import type { DialogEvent } from "../../dialog/events/index.js";
import type { Conversation } from "../../domain/conversation.js";
import { maxRiskLevel, type RiskCategory, type RiskLevel } from "../../domain/risk.js";
import type { PipelineDeps } from "../pipelineDeps.js";

export interface Raise {
  readonly level: RiskLevel;
  readonly categories: readonly RiskCategory[];
  readonly reasons: readonly string[];
  readonly caseId: string | null;
}

/** What in this turn's events calls for the queue, if anything. */
export function raiseFromEvents(events: readonly DialogEvent[]): Raise | undefined {
  const levels: RiskLevel[] = [];
  const categories = new Set<RiskCategory>();
  const reasons: string[] = [];
  let caseId: string | null = null;
  for (const event of events) {
    if (event.type === "risk_flagged" && (event.level === "high" || event.level === "medium")) {
      levels.push(event.level);
      categories.add(event.category);
      reasons.push(event.rule.startsWith("text:") ? event.rule : `rule:${event.rule}`);
    } else if (event.type === "handoff_requested") {
      levels.push("low");
      reasons.push(`handoff:${event.reason}`);
    } else if (event.type === "record_completed" && event.flags.length > 0) {
      caseId = event.recordId;
      levels.push(maxRiskLevel(event.flags.map((f) => f.level)));
      for (const flag of event.flags) categories.add(flag.category);
      reasons.push(`record:${event.recordType}`);
    }
  }
  if (reasons.length === 0) return undefined;
  return { level: maxRiskLevel(levels), categories: [...categories], reasons, caseId };
}

export async function escalateTurn(deps: PipelineDeps, conversation: Conversation, raise: Raise | undefined): Promise<void> {
  if (!raise) return;
  const escalation = await deps.stores.escalations.raise({
    conversationId: conversation.id,
    caseId: raise.caseId,
    subjectId: conversation.subjectId,
    organisation: deps.content.deployment.organisation_id,
    riskLevel: raise.level,
    riskCategories: raise.categories,
    reasons: raise.reasons,
  });
  deps.live?.publishQueueChange(escalation.organisation);
  deps.report?.("ESCALATED", { escalationId: escalation.id, level: escalation.riskLevel, priority: escalation.priority });
}
