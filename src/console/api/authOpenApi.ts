/**
 * The OpenAPI description of the sign-in and user-administration routes (authRoutes.ts,
 * usersRoutes.ts), kept beside them and spread into openApiDocument.ts; the coverage test checks
 * document and routes against each other.
 */
import { ROLES } from "../../app/admin/roles.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../app/admin/passwordPolicy.js";
import { LIST_MAX_LIMIT } from "./apiInput.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const body = (required: string[], properties: Record<string, object>) => ({
  required: true,
  content: json({ type: "object", required, additionalProperties: false, properties }),
});
const noContent = { description: "Done" };
const signedIn = { "401": error("UNAUTHORIZED"), "403": error("CSRF: a cookie session's POST without x-csrf-token, or FORBIDDEN") };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
const password = { type: "string", minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: "At least 12 characters, not the username" };
const userBody = { description: "The user", content: json({ type: "object", required: ["user"], properties: { user: ref("UserSummary") } }) };
const adminErrors = { ...signedIn, "400": error("INVALID_INPUT or PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_IS_USERNAME"), "404": error("NOT_FOUND (also for another organisation's user)") };

export const AUTH_SCHEMAS = {
  Profile: {
    type: "object",
    required: ["id", "username", "displayName", "role", "organisation", "totpEnabled"],
    properties: { id: { type: "string" }, username: { type: "string" }, displayName: { type: "string" }, role: { enum: [...ROLES] }, organisation: { type: "string" }, totpEnabled: { type: "boolean" } },
  },
  UserSummary: {
    type: "object",
    required: ["id", "username", "displayName", "role", "organisation", "disabled", "totpEnabled", "lockedUntil", "createdAt"],
    properties: {
      id: { type: "string" },
      username: { type: "string" },
      displayName: { type: "string" },
      role: { type: "string" },
      organisation: { type: "string" },
      disabled: { type: "boolean" },
      totpEnabled: { type: "boolean" },
      lockedUntil: { type: ["string", "null"], format: "date-time", description: "Locked after 5 failed sign-ins, until then" },
      createdAt: { type: "string", format: "date-time" },
    },
  },
};

export const AUTH_SECURITY_SCHEMES = {
  cookie: { type: "apiKey", in: "cookie", name: "kl_session", description: "The console's session (`__Host-kl_session` over HTTPS). Unsafe requests also need the session's CSRF token in `x-csrf-token`." },
};

const session = { description: "Signed in", content: json({ type: "object", required: ["user", "csrfToken"], properties: { user: ref("Profile"), csrfToken: { type: ["string", "null"] } } }) };

export const AUTH_PATHS = {
  "/api/v1/auth/login": {
    post: {
      summary: "Sign in; sets the session cookie (HttpOnly, SameSite=Strict). Rate-limited per address; 5 failures lock the account for 15 minutes",
      security: [],
      requestBody: body(["username", "password"], { username: { type: "string" }, password: { type: "string" }, totp: { type: "string", description: "The 6-digit code, when the account has TOTP on" } }),
      responses: {
        "200": session,
        "400": error("INVALID_INPUT"),
        "401": error("INVALID_CREDENTIALS (username or password, never which) or TOTP_REQUIRED (missing or wrong code)"),
        "429": { description: "LOCKED, with retryAfterSeconds (and a Retry-After header), or RATE_LIMITED", content: json({ type: "object", properties: { error: { enum: ["LOCKED", "RATE_LIMITED"] }, retryAfterSeconds: { type: "integer" } } }) },
      },
    },
  },
  "/api/v1/auth/logout": { post: { summary: "End the console session and clear its cookie", responses: { "204": noContent, ...signedIn } } },
  "/api/v1/auth/me": { get: { summary: "Who is signed in, and the session's CSRF token (null with a bearer token)", responses: { "200": session, "401": signedIn["401"] } } },
  "/api/v1/auth/password": {
    post: {
      summary: "Change your password; every console session of yours ends (sign in again)",
      requestBody: body(["current", "next"], { current: { type: "string" }, next: password }),
      responses: { "204": noContent, "400": error("INVALID_INPUT, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG or PASSWORD_IS_USERNAME"), ...signedIn, "403": error("INVALID_CREDENTIALS (the current password), CSRF or FORBIDDEN") },
    },
  },
  "/api/v1/auth/totp/setup": {
    post: {
      summary: "Start TOTP enrolment: a secret and an otpauth:// URI for an authenticator app (confirm with a code to turn it on)",
      responses: { "200": { description: "Enrolment", content: json({ type: "object", required: ["secret", "uri"], properties: { secret: { type: "string" }, uri: { type: "string" } } }) }, ...signedIn, "409": error("TOTP_ALREADY_ENABLED") },
    },
  },
  "/api/v1/auth/totp/confirm": {
    post: {
      summary: "Turn TOTP on with a first code from the app",
      requestBody: body(["code"], { code: { type: "string", pattern: "^[0-9 ]{6,7}$" } }),
      responses: { "200": { description: "On", content: json({ type: "object", properties: { totpEnabled: { const: true } } }) }, "400": error("INVALID_TOTP or INVALID_INPUT"), ...signedIn },
    },
  },
  "/api/v1/auth/totp/disable": {
    post: {
      summary: "Turn TOTP off (needs your password)",
      requestBody: body(["password"], { password: { type: "string" } }),
      responses: { "200": { description: "Off", content: json({ type: "object", properties: { totpEnabled: { const: false } } }) }, ...signedIn, "403": error("INVALID_CREDENTIALS, CSRF or FORBIDDEN") },
    },
  },
};

export const USERS_PATHS = {
  "/api/v1/users": {
    get: {
      summary: "Your organisation's users, by username (admins)",
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: LIST_MAX_LIMIT, default: 50 } },
        { name: "skip", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
      ],
      responses: { "200": { description: "Users", content: json({ type: "object", required: ["items"], properties: { items: { type: "array", items: ref("UserSummary") } } }) }, ...adminErrors },
    },
    post: {
      summary: "Add a user to your organisation (admins; audit-logged)",
      requestBody: body(["username", "displayName", "role", "password"], {
        username: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]{1,63}$" },
        displayName: { type: "string", minLength: 1, maxLength: 100 },
        role: { enum: [...ROLES] },
        organisation: { type: "string", description: "Your own organisation only (the default)" },
        password,
      }),
      responses: { "201": userBody, ...adminErrors, "409": error("USERNAME_TAKEN") },
    },
  },
  "/api/v1/users/{id}": {
    get: { summary: "One user of your organisation", parameters: [idParam], responses: { "200": userBody, ...adminErrors } },
    patch: {
      summary: "Change the display name, role or disabled flag (disabling ends every session and API token; not for your own account)",
      parameters: [idParam],
      requestBody: body([], { displayName: { type: "string", minLength: 1, maxLength: 100 }, role: { enum: [...ROLES] }, disabled: { type: "boolean" } }),
      responses: { "200": userBody, ...adminErrors, "409": error("OWN_ACCOUNT") },
    },
  },
  "/api/v1/users/{id}/password": {
    post: { summary: "Set a new password for the user (lifts a lock, ends their console sessions)", parameters: [idParam], requestBody: body(["password"], { password }), responses: { "204": noContent, ...adminErrors } },
  },
  "/api/v1/users/{id}/revoke-sessions": {
    post: {
      summary: "End every session of the user, API tokens included",
      parameters: [idParam],
      responses: { "200": { description: "How many ended", content: json({ type: "object", required: ["revoked"], properties: { revoked: { type: "integer" } } }) }, ...adminErrors },
    },
  },
  "/api/v1/users/{id}/totp/reset": { post: { summary: "Remove the user's second factor (a lost phone)", parameters: [idParam], responses: { "200": userBody, ...adminErrors } } },
};
