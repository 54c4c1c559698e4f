/**
 * Console sign-in, as one interface the login page, the session cookie check and the JSON auth
 * routes all use. Implemented in `consoleAuthService.ts`.
 *
 * - Passwords are argon2id hashes (@node-rs/argon2, OWASP parameters); an unknown username costs a
 *   hash of a dummy password too, so timing does not reveal which usernames exist.
 * - After 5 failed attempts an account is locked for 15 minutes (and every attempt is audit-logged
 *   by user id, never by the password or the typed username).
 * - Optional TOTP (RFC 6238, SHA-1, 6 digits, 30 s, one step of drift); a used code is not accepted
 *   twice.
 * - Sessions are server-side (the `sessions` collection) and revocable: the cookie holds a random
 *   token; the store keeps only its SHA-256. Idle timeout 30 minutes, absolute lifetime 12 hours.
 * - CSRF: each session has its own random token, sent by forms (hidden `_csrf` field) and by
 *   scripts (`x-csrf-token` header) on every unsafe request; compared in constant time.
 */
import type { PasswordProblem } from "../../app/admin/passwordPolicy.js";
import type { Actor } from "../../app/queue/queueService.js";
import { KinlinkError } from "../../domain/errors.js";

/** The cookie that carries the session token (`__Host-` prefixed when served over HTTPS). */
export const SESSION_COOKIE = "kl_session";
export const SECURE_SESSION_COOKIE = "__Host-kl_session";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

export interface LoginAttempt {
  readonly username: string;
  readonly password: string;
  /** The 6-digit code, when the account has TOTP on. */
  readonly totp?: string;
  /** For the audit log and rate limiting; never logged with the username. */
  readonly ip: string;
}

export type LoginResult =
  | { readonly ok: true; readonly sessionToken: string; readonly csrfToken: string; readonly actor: Actor; readonly expiresAt: Date; readonly session: ConsoleSession }
  /** Wrong username or password: the same answer for both. */
  | { readonly ok: false; readonly code: "INVALID_CREDENTIALS" }
  /** Password right, but the account has TOTP on and the code is missing or wrong. */
  | { readonly ok: false; readonly code: "TOTP_REQUIRED" }
  /** Too many failures: try again after `retryAfterSeconds`. */
  | { readonly ok: false; readonly code: "LOCKED"; readonly retryAfterSeconds: number };

export interface ConsoleSession {
  readonly actor: Actor;
  /** The session's CSRF token, to put into forms and hand to the page's script. */
  readonly csrfToken: string;
  readonly username: string;
  readonly displayName: string;
  readonly totpEnabled: boolean;
}

/** Why a password change was refused: the current password was wrong, or the new one breaks the policy. */
export type PasswordChangeRefusal = "INVALID_CREDENTIALS" | PasswordProblem;

export interface PasswordChangeResult {
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly code?: PasswordChangeRefusal;
}

/** Refusals that are not a yes/no answer: the edge maps them to 404 and 409. */
export class ConsoleAuthError extends KinlinkError {
  constructor(
    readonly code: "USER_NOT_FOUND" | "TOTP_ALREADY_ENABLED",
    message: string,
  ) {
    super(message);
  }
}

export interface ConsoleAuth {
  login(attempt: LoginAttempt): Promise<LoginResult>;
  /** The session behind a cookie's token, refreshing its idle timer; null when unknown, expired or idle. */
  session(sessionToken: string): Promise<ConsoleSession | null>;
  /** Constant-time comparison against the session's token. */
  checkCsrf(session: ConsoleSession, token: string | undefined): boolean;
  logout(sessionToken: string): Promise<void>;
  /** On success every console session of the person ends, this one included: they sign in again. */
  changePassword(actor: Actor, current: string, next: string): Promise<PasswordChangeResult>;
  /** Starts TOTP enrolment: the secret (base32) and an otpauth:// URI for an authenticator app. Throws TOTP_ALREADY_ENABLED. */
  beginTotp(actor: Actor): Promise<{ readonly secret: string; readonly uri: string }>;
  /** Turns TOTP on once the person proves their app has the secret. */
  confirmTotp(actor: Actor, code: string): Promise<{ readonly ok: boolean }>;
  /** Needs the password (a stolen session alone cannot remove the second factor). */
  disableTotp(actor: Actor, password: string): Promise<{ readonly ok: boolean }>;
}
