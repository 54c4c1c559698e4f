/**
 * The console sign-in service on a real (embedded) store and a clock moved by hand: passwords,
 * lockout timing, TOTP with replay refusal, sessions with idle and absolute timeouts, CSRF, and an
 * audit log that never holds a password, a token or a typed username. A fast fake hasher stands in
 * for argon2 (argon2Passwords has its own test below) and counts the checks made.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { argon2Passwords } from "../../../src/console/auth/argon2Passwords.js";
import type { ConsoleAuth, LoginAttempt } from "../../../src/console/auth/consoleAuth.js";
import { createConsoleAuth, SIGN_IN_POLICY } from "../../../src/console/auth/consoleAuthService.js";
import { sessionIdOf } from "../../../src/console/auth/sessionToken.js";
import { base32Decode, hotp, timeStep, totpAt } from "../../../src/console/auth/totp.js";
import type { PasswordHasher } from "../../../src/ports/passwordHasher.js";
import type { User } from "../../../src/ports/userStore.js";
import type { OpenedStore } from "../../../src/storage/openStore.js";
import { BACKENDS } from "../../helpers/storage/backends.js";
import { FakeClock } from "../../helpers/storage/fakeClock.js";

const PASSWORD = "correct horse battery";
const MINUTE = 60_000;
/** A well-formed code that is not the current one. */
const wrongCode = (key: Buffer, at: Date): string => (totpAt(key, at) === "000000" ? "111111" : "000000");

class CountingHasher implements PasswordHasher {
  verifications = 0;
  async hash(password: string): Promise<string> {
    return `fake$${password}`;
  }
  async verify(passwordHash: string, password: string): Promise<boolean> {
    this.verifications += 1;
    return passwordHash === `fake$${password}`;
  }
}

describe("the console sign-in service", () => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  let hasher: CountingHasher;
  let auth: ConsoleAuth;
  let amina: User;

  const attempt = (overrides: Partial<LoginAttempt> = {}): LoginAttempt => ({ username: "amina", password: PASSWORD, ip: "192.0.2.7", ...overrides });
  const actor = () => ({ userId: amina.id, role: "caseworker" as const, organisation: "ngo-1" });
  const auditActions = async (targetId = amina.id) => (await store.auditLog.listForTarget("user", targetId, 100)).map((entry) => entry.action);
  const rawAudit = async () => JSON.stringify(await store.db.collection("audit_log").find({}).toArray());

  beforeEach(async () => {
    clock = new FakeClock();
    const embedded = BACKENDS.find((backend) => backend.name === "embedded");
    if (!embedded) throw new Error("no embedded backend");
    store = await embedded.openStore({ clock });
    hasher = new CountingHasher();
    auth = createConsoleAuth({ users: store.users, sessions: store.sessions, auditLog: store.auditLog, clock, passwords: hasher });
    amina = await store.users.create({ username: "amina", displayName: "Amina K.", role: "caseworker", organisation: "ngo-1", passwordHash: await hasher.hash(PASSWORD), disabled: false });
  });
  afterEach(() => store.cleanup());

  describe("signing in", () => {
    it("opens a session for the right password: the store keeps the token's hash, not the token", async () => {
      const result = await auth.login(attempt());
      if (!result.ok) throw new Error(`login refused: ${result.code}`);
      expect(result.actor).toEqual({ userId: amina.id, role: "caseworker", organisation: "ngo-1" });
      expect(result.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(result.expiresAt).toEqual(new Date(clock.now().getTime() + 12 * 60 * MINUTE));
      expect(await store.sessions.get(sessionIdOf(result.sessionToken))).toMatchObject({ userId: amina.id, console: { csrfToken: result.csrfToken } });
      expect(JSON.stringify(await store.db.collection("sessions").find({}).toArray())).not.toContain(result.sessionToken);
      expect(await auth.session(result.sessionToken)).toEqual({ actor: result.actor, csrfToken: result.csrfToken, username: "amina", displayName: "Amina K.", totpEnabled: false });
      expect(await auditActions()).toEqual(["auth.login_succeeded"]);
    });

    it("answers a wrong password and an unknown username alike, checking a hash for both", async () => {
      expect(await auth.login(attempt({ password: "wrong password!" }))).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect(hasher.verifications).toBe(1);
      expect(await auth.login(attempt({ username: "nobody-here" }))).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect(hasher.verifications).toBe(2);
      const unknown = await store.auditLog.listForTarget("auth", "unknown-user", 10);
      expect(unknown.map((entry) => [entry.actor, entry.action, entry.details["reason"]])).toEqual([["anonymous", "auth.login_failed", "UNKNOWN_USER"]]);
      const audit = await rawAudit();
      expect(audit).not.toContain("nobody-here");
      expect(audit).not.toContain("wrong password!");
      expect(audit).not.toContain(PASSWORD);
    });

    it("refuses a disabled user and an account without a password", async () => {
      await store.users.update(amina.id, { disabled: true });
      expect(await auth.login(attempt())).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      const tokenOnly = await store.users.create({ username: "robot", displayName: "Robot", role: "caseworker", organisation: "ngo-1", passwordHash: "", disabled: false });
      expect(await auth.login(attempt({ username: "robot", password: "" }))).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect((await store.auditLog.listForTarget("user", tokenOnly.id, 10)).map((entry) => entry.details["reason"])).toEqual(["NO_PASSWORD"]);
    });
  });

  describe("lockout", () => {
    it("locks after the fifth failure for 15 minutes, even against the right password, then lets the person in", async () => {
      for (let i = 1; i <= 4; i += 1) expect(await auth.login(attempt({ password: `wrong ${i}` }))).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect(await auth.login(attempt({ password: "wrong 5" }))).toEqual({ ok: false, code: "LOCKED", retryAfterSeconds: 900 });
      clock.advance(10 * MINUTE);
      const verified = hasher.verifications;
      expect(await auth.login(attempt())).toEqual({ ok: false, code: "LOCKED", retryAfterSeconds: 300 });
      expect(hasher.verifications).toBe(verified);
      clock.advance(5 * MINUTE - 1000);
      expect(await auth.login(attempt())).toEqual({ ok: false, code: "LOCKED", retryAfterSeconds: 1 });
      clock.advance(1000);
      expect((await auth.login(attempt())).ok).toBe(true);
      expect(await store.users.get(amina.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
      const actions = await auditActions();
      expect(actions.filter((a) => a === "auth.login_failed")).toHaveLength(5);
      expect(actions.filter((a) => a === "auth.locked_out")).toHaveLength(1);
      expect(actions.filter((a) => a === "auth.login_refused_locked")).toHaveLength(2);
      expect(actions.at(-1)).toBe("auth.login_succeeded");
    });

    it("forgives earlier failures after a success", async () => {
      for (let i = 0; i < 4; i += 1) await auth.login(attempt({ password: "wrong" }));
      expect((await auth.login(attempt())).ok).toBe(true);
      for (let i = 0; i < 4; i += 1) expect(await auth.login(attempt({ password: "wrong" }))).toMatchObject({ code: "INVALID_CREDENTIALS" });
    });

    it("does not let parallel guesses outrun the count: at most five passwords are checked", async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => auth.login(attempt({ password: `guess ${i}` }))));
      expect(hasher.verifications).toBeLessThanOrEqual(SIGN_IN_POLICY.maxFailures);
      expect(results.filter((result) => !result.ok && result.code === "LOCKED").length).toBeGreaterThanOrEqual(12 - SIGN_IN_POLICY.maxFailures);
      expect(await auth.login(attempt())).toMatchObject({ ok: false, code: "LOCKED" });
    });
  });

  describe("sessions", () => {
    async function signIn(): Promise<string> {
      const result = await auth.login(attempt());
      if (!result.ok) throw new Error(result.code);
      return result.sessionToken;
    }
    const lastSeen = async (token: string) => (await store.sessions.get(sessionIdOf(token)))?.console?.lastSeenAt.getTime();

    it("end after 30 idle minutes, and are deleted then", async () => {
      const token = await signIn();
      clock.advance(30 * MINUTE - 1);
      expect(await auth.session(token)).not.toBeNull();
      clock.advance(30 * MINUTE - 1);
      expect(await auth.session(token)).not.toBeNull();
      clock.advance(30 * MINUTE);
      expect(await auth.session(token)).toBeNull();
      expect(await store.sessions.get(sessionIdOf(token))).toBeNull();
    });

    it("record activity at most once a minute", async () => {
      const token = await signIn();
      const start = clock.now().getTime();
      clock.advance(59_000);
      await auth.session(token);
      expect(await lastSeen(token)).toBe(start);
      clock.advance(1_000);
      await auth.session(token);
      expect(await lastSeen(token)).toBe(start + MINUTE);
    });

    it("end 12 hours after sign-in however active the person is", async () => {
      const token = await signIn();
      for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
        clock.advance(20 * MINUTE);
        expect(await auth.session(token)).not.toBeNull();
      }
      clock.advance(20 * MINUTE);
      expect(await auth.session(token)).toBeNull();
    });

    it("end at logout, and for a disabled user at once", async () => {
      const token = await signIn();
      await auth.logout(token);
      expect(await auth.session(token)).toBeNull();
      expect(await auditActions()).toContain("auth.logout");
      const second = await signIn();
      await store.users.update(amina.id, { disabled: true });
      expect(await auth.session(second)).toBeNull();
    });

    it("ignore tokens of the wrong shape, and API tokens", async () => {
      expect(await auth.session("")).toBeNull();
      expect(await auth.session("x".repeat(44))).toBeNull();
      const apiToken = `kl_${"A".repeat(43)}`;
      await store.sessions.createWithId(sessionIdOf(apiToken), amina.id, new Date(clock.now().getTime() + MINUTE));
      expect(await auth.session(apiToken)).toBeNull();
    });

    it("check the CSRF token exactly", async () => {
      const token = await signIn();
      const session = await auth.session(token);
      if (!session) throw new Error("no session");
      expect(auth.checkCsrf(session, session.csrfToken)).toBe(true);
      for (const wrong of [undefined, "", session.csrfToken.slice(1), `${session.csrfToken}x`, token]) expect(auth.checkCsrf(session, wrong)).toBe(false);
    });
  });

  describe("TOTP", () => {
    async function enrol(): Promise<Buffer> {
      const { secret, uri } = await auth.beginTotp(actor());
      expect(uri).toContain(`secret=${secret}`);
      const key = base32Decode(secret);
      expect(await auth.confirmTotp(actor(), wrongCode(key, clock.now()))).toEqual({ ok: false });
      expect(await auth.confirmTotp(actor(), totpAt(key, clock.now()))).toEqual({ ok: true });
      return key;
    }

    it("is asked for once on, accepted once per code, and the next step's code works", async () => {
      const key = await enrol();
      expect(await auditActions()).toContain("auth.totp_enabled");
      clock.advance(30_000);
      expect(await auth.login(attempt())).toEqual({ ok: false, code: "TOTP_REQUIRED" });
      expect(await auth.login(attempt({ totp: wrongCode(key, clock.now()) }))).toEqual({ ok: false, code: "TOTP_REQUIRED" });
      const code = totpAt(key, clock.now());
      const first = await auth.login(attempt({ totp: code }));
      expect(first.ok && first.session.totpEnabled).toBe(true);
      expect(await auth.login(attempt({ totp: code }))).toEqual({ ok: false, code: "TOTP_REQUIRED" });
      clock.advance(30_000);
      expect((await auth.login(attempt({ totp: totpAt(key, clock.now()) }))).ok).toBe(true);
      // A code from the step before the one last used is spent too.
      expect(await auth.login(attempt({ totp: hotp(key, timeStep(clock.now()) - 1) }))).toEqual({ ok: false, code: "TOTP_REQUIRED" });
    });

    it("counts wrong codes towards the lock, and the password alone never signs in", async () => {
      await enrol();
      clock.advance(30_000);
      for (let i = 0; i < 4; i += 1) expect(await auth.login(attempt())).toEqual({ ok: false, code: "TOTP_REQUIRED" });
      expect(await auth.login(attempt())).toMatchObject({ ok: false, code: "LOCKED" });
    });

    it("cannot be enrolled twice, and is turned off only with the password", async () => {
      await enrol();
      await expect(auth.beginTotp(actor())).rejects.toMatchObject({ code: "TOTP_ALREADY_ENABLED" });
      expect(await auth.disableTotp(actor(), "not my password")).toEqual({ ok: false });
      expect(await auth.disableTotp(actor(), PASSWORD)).toEqual({ ok: true });
      expect((await store.users.get(amina.id))?.totp).toBeNull();
      expect(await auditActions()).toEqual(expect.arrayContaining(["auth.totp_enabled", "auth.reauthentication_failed", "auth.totp_disabled"]));
      expect((await auth.login(attempt())).ok).toBe(true);
    });
  });

  describe("changing the password", () => {
    it("needs the current password and a policy-compliant new one, and ends every console session", async () => {
      const first = await auth.login(attempt());
      const second = await auth.login(attempt());
      if (!first.ok || !second.ok) throw new Error("login refused");
      expect(await auth.changePassword(actor(), PASSWORD, "short")).toEqual({ ok: false, code: "PASSWORD_TOO_SHORT" });
      expect(await auth.changePassword(actor(), PASSWORD, "AMINA")).toEqual({ ok: false, code: "PASSWORD_TOO_SHORT" });
      expect(await auth.changePassword(actor(), PASSWORD, "x".repeat(257))).toEqual({ ok: false, code: "PASSWORD_TOO_LONG" });
      expect(await auth.changePassword(actor(), "wrong current password", "a new long passphrase")).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect(await auth.session(first.sessionToken)).not.toBeNull();
      expect(await auth.changePassword(actor(), PASSWORD, "a new long passphrase")).toEqual({ ok: true });
      expect(await auth.session(first.sessionToken)).toBeNull();
      expect(await auth.session(second.sessionToken)).toBeNull();
      expect(await auth.login(attempt())).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
      expect((await auth.login(attempt({ password: "a new long passphrase" }))).ok).toBe(true);
      expect(await auditActions()).toContain("auth.password_changed");
      expect(await rawAudit()).not.toContain("a new long passphrase");
    });

    it("refuses a password that is the username, whatever its case", async () => {
      const long = await store.users.create({ username: "amina.kabila-long", displayName: "A", role: "caseworker", organisation: "ngo-1", passwordHash: await hasher.hash(PASSWORD), disabled: false });
      const result = await auth.changePassword({ userId: long.id, role: "caseworker", organisation: "ngo-1" }, PASSWORD, "Amina.Kabila-Long");
      expect(result).toEqual({ ok: false, code: "PASSWORD_IS_USERNAME" });
    });
  });
});

describe("argon2Passwords", () => {
  it("hashes with argon2id at the OWASP parameters, salted, and verifies only the right password", async () => {
    const hash = await argon2Passwords.hash("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Passwords.hash("correct horse battery")).not.toBe(hash);
    expect(await argon2Passwords.verify(hash, "correct horse battery")).toBe(true);
    expect(await argon2Passwords.verify(hash, "correct horse batterY")).toBe(false);
  });

  it("refuses, without throwing, an empty, foreign or corrupt hash", async () => {
    expect(await argon2Passwords.verify("", "anything")).toBe(false);
    expect(await argon2Passwords.verify("$2b$10$abcdefghijklmnopqrstuv", "anything")).toBe(false);
    expect(await argon2Passwords.verify("$argon2id$v=19$m=19456,t=2,p=1$broken", "anything")).toBe(false);
  });
});
