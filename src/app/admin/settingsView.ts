/**
 * What the admin page shows about the deployment and the organisation: the settings from
 * `deployment.yaml` (read-only here: they are files an NGO reviews and checks with `kinlink dialogs
 * check` before going live, like the dialogs), the SLA defaults by risk level, and the organisation's
 * numbers (staff by role, open escalations). No personal data.
 */
import { DEFAULT_ESCALATION_SLA, type EscalationSla } from "../../domain/escalation.js";
import type { Stores } from "../../ports/stores.js";
import type { Deployment } from "../deployment.js";
import type { Actor } from "../queue/queueService.js";
import { AuditViewError } from "./auditViewer.js";
import { organisationStaff } from "../organisationStaff.js";

export interface DeploymentSettings {
  readonly organisation: string;
  readonly organisationId: string;
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  readonly helpContacts: Deployment["help_contacts"];
  readonly demo: boolean;
  /** Minutes until an unclaimed escalation breaches its SLA: high risk, and everything else. */
  readonly sla: EscalationSla;
  /** Conversations one caseworker may hold at once. */
  readonly capacity: number;
}

export interface OrganisationSummary {
  readonly id: string;
  readonly name: string | null;
  readonly users: Readonly<Record<string, number>>;
  readonly queued: number;
}

export class SettingsView {
  constructor(private readonly deps: { readonly deployment: Deployment; readonly stores: Stores; readonly capacity: number }) {}

  settings(actor: Actor): DeploymentSettings {
    requireAdmin(actor);
    const d = this.deps.deployment;
    return {
      organisation: d.organisation,
      organisationId: d.organisation_id,
      languages: d.languages,
      defaultLanguage: d.default_language,
      helpContacts: d.help_contacts,
      demo: d.demo,
      sla: DEFAULT_ESCALATION_SLA,
      capacity: this.deps.capacity,
    };
  }

  /** The admin's own organisation (a platform-wide administrator is not part of this release). */
  async organisations(actor: Actor): Promise<OrganisationSummary[]> {
    requireAdmin(actor);
    const staff = await organisationStaff(this.deps.stores.users, actor.organisation);
    const users: Record<string, number> = {};
    for (const user of staff) if (!user.disabled) users[user.role] = (users[user.role] ?? 0) + 1;
    const queued = await this.deps.stores.escalations.countQueue(undefined, actor.organisation);
    const name = actor.organisation === this.deps.deployment.organisation_id ? this.deps.deployment.organisation : null;
    return [{ id: actor.organisation, name, users, queued }];
  }
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new AuditViewError("FORBIDDEN", "deployment settings are for admins");
}
