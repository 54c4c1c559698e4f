/**
 * Escalations nobody took within their service level (1 h high, 3 h others, by default): the
 * supervisor on duty is alerted, once, and the family gets the help contacts again — they may be
 * waiting in danger. The alert carries ids, the level and the delay only.
 */
import type { PipelineDeps } from "../pipelineDeps.js";
import { sendToPerson } from "./sendToPerson.js";
import { contactsReply } from "./withPerson.js";

const LIMIT = 50;

/** Returns the conversations that got help contacts again, for the worker to deliver. */
export async function slaSweep(deps: PipelineDeps): Promise<string[]> {
  const now = deps.clock.now();
  const resent: string[] = [];
  for (const escalation of await deps.stores.escalations.listSlaBreaches(now, LIMIT)) {
    if (!(await deps.stores.escalations.markSlaAlerted(escalation.id, now))) continue; // another instance did
    deps.live?.publishQueueChange(escalation.organisation);
    const minutesLate = Math.round((now.getTime() - escalation.slaDueAt.getTime()) / 60_000);
    const context = { escalationId: escalation.id, level: escalation.riskLevel, priority: escalation.priority, minutesLate };
    await (deps.alert ?? (async (code, ctx) => deps.report?.(code, ctx)))("SLA_BREACHED", context);
    await deps.stores.auditLog.append({ actor: "system", action: "escalation.sla_breached", targetType: "escalation", targetId: escalation.id, details: { minutesLate } });
    const sent = await sendToPerson(deps, escalation.conversationId, "sla", (_conversation, session) => ({
      replies: [contactsReply(deps, session?.lang ?? deps.content.deployment.default_language, session?.audience)],
      from: "bot",
    }));
    if (sent) resent.push(escalation.conversationId);
  }
  return resent;
}
