/**
 * Who a conversation can be handed to: an active caseworker or supervisor of the same organisation
 * (admins do not read conversations). The transfer use case enforces this rule, and the console's
 * transfer picker lists exactly the people it allows, so a choice from the list is never refused.
 */
import type { User, UserStore } from "../../ports/userStore.js";
import type { Actor } from "./queueService.js";
import { organisationStaff } from "../organisationStaff.js";

const HOLDER_ROLES: ReadonlySet<string> = new Set(["caseworker", "supervisor"]);
export interface Colleague {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
}

export function canTakeOver(user: Pick<User, "role" | "disabled" | "organisation">, organisation: string): boolean {
  return !user.disabled && user.organisation === organisation && HOLDER_ROLES.has(user.role);
}

/** The people `actor` may transfer a conversation to, by display name; never the actor. */
export async function transferTargets(users: Pick<UserStore, "listByOrganisation">, actor: Actor, collator: Intl.Collator = new Intl.Collator()): Promise<Colleague[]> {
  const staff = await organisationStaff(users, actor.organisation);
  return staff
    .filter((user) => user.id !== actor.userId && canTakeOver(user, actor.organisation))
    .map(({ id, username, displayName, role }) => ({ id, username, displayName, role }))
    .sort((a, b) => collator.compare(a.displayName, b.displayName));
}
