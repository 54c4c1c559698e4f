/**
 * User administration as use cases behind one interface, like QueueService for the queue: the JSON
 * API (console/api/usersRoutes.ts) and the console's admin pages call these. Only admins, and only
 * within their own organisation: an admin of organisation X neither sees nor changes Y's users (a
 * user of another organisation is NOT_FOUND, so ids do not reveal who exists). Every change is
 * audit-logged; disabling a user or resetting their password ends their sessions. Inputs are parsed
 * here with zod as well as at the edges, so that every caller gets the same rules.
 */
import { z } from "zod";
import { KinlinkError } from "../../domain/errors.js";
import { OrganisationIdSchema } from "../../domain/organisation.js";
import type { Actor, Role } from "../queue/queueService.js";
import { PASSWORD_MAX_LENGTH, type PasswordProblem } from "./passwordPolicy.js";
import { RoleSchema } from "./roles.js";

export const UsernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2-64 characters: a-z, 0-9, dot, dash, underscore");
export const DisplayNameSchema = z.string().trim().min(1).max(100);
/** Length and content rules are the password policy's (they need the username); this only bounds the size. */
export const NewPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  /** The admin's own organisation when absent; any other is refused. */
  organisation: OrganisationIdSchema.optional(),
  password: NewPasswordSchema,
});
export const UpdateUserSchema = z
  .strictObject({ displayName: DisplayNameSchema.optional(), role: RoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "nothing to change");

export type CreateUserInput = z.input<typeof CreateUserSchema>;
export type UserUpdate = z.input<typeof UpdateUserSchema>;

/** A user as an admin sees them: no password hash, no TOTP secret. */
export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly organisation: string;
  readonly disabled: boolean;
  readonly totpEnabled: boolean;
  /** Locked after too many failed sign-ins, until `lockedUntil`. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

export interface UserAdmin {
  /** The admin's organisation's users, by username. */
  list(actor: Actor, page?: { readonly limit: number; readonly skip?: number }): Promise<UserSummary[]>;
  get(actor: Actor, userId: string): Promise<UserSummary>;
  create(actor: Actor, input: CreateUserInput): Promise<UserSummary>;
  /** Display name, role, disabled; disabling ends the user's sessions and API tokens. */
  update(actor: Actor, userId: string, changes: UserUpdate): Promise<UserSummary>;
  changeRole(actor: Actor, userId: string, role: Role): Promise<UserSummary>;
  setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<UserSummary>;
  /** Sets a new password (to hand over in person), lifts a lock, ends the user's console sessions. */
  resetPassword(actor: Actor, userId: string, password: string): Promise<void>;
  /** Ends every session of the user, API tokens included (a stolen laptop, a leaked token). */
  revokeSessions(actor: Actor, userId: string): Promise<{ readonly revoked: number }>;
  /** Removes the user's second factor (a lost phone); they can enrol again after signing in. */
  resetTotp(actor: Actor, userId: string): Promise<UserSummary>;
}

export type UserAdminErrorCode = "FORBIDDEN" | "NOT_FOUND" | "USERNAME_TAKEN" | "INVALID_INPUT" | "OWN_ACCOUNT" | PasswordProblem;

/** Refusals with stable codes; messages carry ids only. */
export class UserAdminError extends KinlinkError {
  constructor(
    readonly code: UserAdminErrorCode,
    message: string,
    /** For INVALID_INPUT: the paths and zod codes of the problems, never the values. */
    readonly issues: readonly { readonly path: string; readonly code: string }[] = [],
  ) {
    super(message);
  }
}
