/**
 * The console roles, for the edges (API guard, permission rules, CLI). Defined with the use cases
 * that administer users (app/admin/roles.ts), re-exported here where the edges look for them.
 */
export { ROLES, RoleSchema } from "../../app/admin/roles.js";
