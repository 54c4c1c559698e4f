/**
 * The roles a console user can have, as a schema, for the use cases (user administration) and the
 * edges alike: a user record whose role is not one of these (a typo, a role from a newer version)
 * authenticates as nobody rather than as somebody by accident.
 */
import { z } from "zod";
import type { Role } from "../queue/queueService.js";

export const ROLES = ["caseworker", "supervisor", "admin"] as const satisfies readonly Role[];
export const RoleSchema = z.enum(ROLES);
