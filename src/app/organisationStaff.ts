/**
 * Everyone in one organisation, read in one page: the audit viewer (whose actions to show), the
 * organisation summary and the transfer picker all need the whole staff. The bound keeps a
 * misconfigured organisation from loading a whole user collection; an organisation that outgrows
 * it would need paging here, in one place.
 */
import type { User, UserStore } from "../ports/userStore.js";

const MAX_STAFF = 5000;

export function organisationStaff(users: Pick<UserStore, "listByOrganisation">, organisation: string): Promise<User[]> {
  return users.listByOrganisation(organisation, { limit: MAX_STAFF });
}
