/** API tokens: their shape, their hash as the only stored form, and resolving them to an actor. */
import { describe, expect, it } from "@jest/globals";
import type { AuditEntry } from "../../../src/domain/auditEntry.js";
import { API_TOKEN_PATTERN, apiTokenSessionId, newApiToken } from "../../../src/console/auth/apiToken.js";
import { bearerAuthenticator } from "../../../src/console/auth/bearerAuthenticator.js";
import { issueApiToken } from "../../../src/console/auth/issueApiToken.js";
import type { Session } from "../../../src/ports/sessionStore.js";
import type { User } from "../../../src/ports/userStore.js";
import { FakeClock } from "../../helpers/storage/fakeClock.js";

function memoryStores(clock: FakeClock) {
  const sessions = new Map<string, Session>();
  const users = new Map<string, User>();
  const audit: Omit<AuditEntry, "id" | "at">[] = [];
  return {
    sessions: {
      async get(id: string) {
        const session = sessions.get(id);
        return session && session.expiresAt > clock.now() ? session : null;
      },
      async createWithId(id: string, userId: string, expiresAt: Date) {
        const session = { id, userId, expiresAt, createdAt: clock.now() };
        sessions.set(id, session);
        return session;
      },
    },
    users: { get: async (id: string) => users.get(id) ?? null },
    auditLog: {
      async append(entry: Omit<AuditEntry, "id" | "at">) {
        audit.push(entry);
        return { ...entry, id: `a${audit.length}`, at: clock.now() };
      },
    },
    raw: { sessions, users, audit },
  };
}

const user = (overrides: Partial<User> = {}): User => ({
  id: "u-1",
  username: "alice",
  displayName: "Alice",
  role: "caseworker",
  organisation: "ngo-1",
  passwordHash: "",
  disabled: false,
  createdAt: new Date(0),
  failedLogins: 0,
  lockedUntil: null,
  totp: null,
  ...overrides,
});

describe("API tokens", () => {
  it("are kl_ and 32 random bytes in base64url, and differ every time", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(API_TOKEN_PATTERN);
    expect(Buffer.from(a.token.slice(3), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
  });

  it("are stored as their SHA-256 in hex: deterministic, and not the token", () => {
    const fixed = newApiToken(() => Buffer.alloc(32, 7));
    expect(fixed.token).toBe(`kl_${Buffer.alloc(32, 7).toString("base64url")}`);
    expect(fixed.sessionId).toMatch(/^[0-9a-f]{64}$/);
    expect(fixed.sessionId).toBe(apiTokenSessionId(fixed.token));
    expect(fixed.sessionId).not.toContain(fixed.token.slice(3, 12));
    expect(apiTokenSessionId(`${fixed.token.slice(0, -1)}A`)).not.toBe(fixed.sessionId);
  });

  it("are issued with an expiry, stored only as a hash, and audit-logged without the token", async () => {
    const clock = new FakeClock();
    const stores = memoryStores(clock);
    const issued = await issueApiToken({ ...stores, clock }, { user: user(), days: 90, issuedBy: "system", via: "cli" });
    expect(issued.expiresAt.getTime() - clock.now().getTime()).toBe(90 * 24 * 3600 * 1000);
    const [stored] = [...stores.raw.sessions.values()];
    expect(stored).toEqual({ id: apiTokenSessionId(issued.token), userId: "u-1", createdAt: clock.now(), expiresAt: issued.expiresAt });
    expect(JSON.stringify([...stores.raw.sessions.entries()])).not.toContain(issued.token);
    expect(stores.raw.audit).toEqual([
      { actor: "system", action: "auth.token_issued", targetType: "user", targetId: "u-1", details: { tokenRef: stored?.id.slice(0, 12), expiresAt: issued.expiresAt.toISOString(), via: "cli" } },
    ]);
    expect(JSON.stringify(stores.raw.audit)).not.toContain(issued.token);
  });

  it("are not issued to a disabled user", async () => {
    const clock = new FakeClock();
    await expect(issueApiToken({ ...memoryStores(clock), clock }, { user: user({ disabled: true }), issuedBy: "system", via: "cli" })).rejects.toThrow(RangeError);
  });
});

describe("the bearer authenticator", () => {
  async function setup(overrides: Partial<User> = {}) {
    const clock = new FakeClock();
    const stores = memoryStores(clock);
    stores.raw.users.set("u-1", user(overrides));
    const { token } = await issueApiToken({ ...stores, clock }, { user: user(), days: 1, issuedBy: "system", via: "test" });
    return { clock, stores, token, authenticate: bearerAuthenticator(stores) };
  }

  it("resolves a valid token to the user's actor", async () => {
    const { token, authenticate } = await setup();
    expect(await authenticate(`Bearer ${token}`)).toEqual({ ok: true, actor: { userId: "u-1", role: "caseworker", organisation: "ngo-1" } });
    expect(await authenticate(`bearer ${token}`)).toMatchObject({ ok: true });
  });

  it("names what was wrong, for the log", async () => {
    const { token, authenticate } = await setup();
    expect(await authenticate(undefined)).toEqual({ ok: false, code: "TOKEN_MISSING" });
    expect(await authenticate("")).toEqual({ ok: false, code: "TOKEN_MISSING" });
    expect(await authenticate(`Basic ${token}`)).toEqual({ ok: false, code: "TOKEN_MALFORMED" });
    expect(await authenticate(token)).toEqual({ ok: false, code: "TOKEN_MALFORMED" });
    expect(await authenticate(`Bearer ${token}x`)).toEqual({ ok: false, code: "TOKEN_MALFORMED" });
    expect(await authenticate(`Bearer ${newApiToken().token}`)).toEqual({ ok: false, code: "SESSION_UNKNOWN_OR_EXPIRED" });
  });

  it("refuses an expired token", async () => {
    const { token, authenticate, clock } = await setup();
    clock.advance(24 * 3600 * 1000);
    expect(await authenticate(`Bearer ${token}`)).toEqual({ ok: false, code: "SESSION_UNKNOWN_OR_EXPIRED" });
  });

  it("refuses a disabled user, an unknown role, a deleted user", async () => {
    const disabled = await setup({ disabled: true });
    expect(await disabled.authenticate(`Bearer ${disabled.token}`)).toEqual({ ok: false, code: "USER_DISABLED", userId: "u-1" });
    const odd = await setup({ role: "superuser" });
    expect(await odd.authenticate(`Bearer ${odd.token}`)).toEqual({ ok: false, code: "USER_ROLE_INVALID", userId: "u-1" });
    const gone = await setup();
    gone.stores.raw.users.clear();
    expect(await gone.authenticate(`Bearer ${gone.token}`)).toEqual({ ok: false, code: "USER_UNKNOWN", userId: "u-1" });
  });
});
