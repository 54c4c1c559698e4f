/** AuditLog, UserStore and SessionStore: the small stores the console sign-in builds on. */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

describe.each(BACKENDS)("AuditLog, UserStore and SessionStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  it("appends audit entries and lists them per target in time order", async () => {
    const base = { actor: "user-7", targetType: "case", details: { field: "age" } };
    const first = await store.auditLog.append({ ...base, action: "case.viewed", targetId: "c1" });
    clock.advance(1000);
    await store.auditLog.append({ ...base, action: "case.edited", targetId: "c1" });
    await store.auditLog.append({ ...base, action: "case.viewed", targetId: "c2" });
    const entries = await store.auditLog.listForTarget("case", "c1", 10);
    expect(entries.map((e) => e.action)).toEqual(["case.viewed", "case.edited"]);
    expect(entries[0]).toEqual(first);
    expect("update" in store.auditLog || "delete" in store.auditLog).toBe(false);
  });

  it("keeps usernames unique", async () => {
    const user = { username: "alice", displayName: "Alice A.", role: "caseworker", organisation: "ngo-1", passwordHash: "$argon2id$x", disabled: false };
    const created = await store.users.create(user);
    expect(await store.users.findByUsername("alice")).toEqual(created);
    expect(await store.users.get(created.id)).toEqual(created);
    await expect(store.users.create({ ...user, displayName: "Other" })).rejects.toMatchObject({ code: "DUPLICATE_RECORD" });
  });

  it("never returns an expired session, and purges it", async () => {
    const session = await store.sessions.create("user-1", new Date(clock.now().getTime() + 60_000));
    expect(await store.sessions.get(session.id)).toEqual(session);
    clock.advance(60_001);
    expect(await store.sessions.get(session.id)).toBeNull();
    if (backend.name === "embedded") {
      expect(await store.sweepExpired()).toBe(1);
      expect(await store.db.collection("sessions").countDocuments({})).toBe(0);
    }
    const other = await store.sessions.create("user-1", new Date(clock.now().getTime() + 60_000));
    await store.sessions.delete(other.id);
    expect(await store.sessions.get(other.id)).toBeNull();
  });

  it("creates a session under a caller-chosen id (a token's hash), once", async () => {
    const id = "a".repeat(64);
    const expiresAt = new Date(clock.now().getTime() + 60_000);
    const session = await store.sessions.createWithId(id, "user-2", expiresAt);
    expect(session).toEqual({ id, userId: "user-2", createdAt: clock.now(), expiresAt });
    expect(await store.sessions.get(id)).toEqual(session);
    await expect(store.sessions.createWithId(id, "user-3", expiresAt)).rejects.toMatchObject({ code: "DUPLICATE_RECORD" });
    expect(await store.sessions.get(id)).toEqual(session);
  });

  const newUser = (username: string, organisation = "ngo-1") => ({ username, displayName: `${username} D.`, role: "caseworker", organisation, passwordHash: "$argon2id$x", disabled: false });

  it("starts a user unlocked, without failures or a second factor, and reads older user documents the same way", async () => {
    const created = await store.users.create(newUser("carol"));
    expect(created).toMatchObject({ failedLogins: 0, lockedUntil: null, totp: null });
    await store.db.collection("users").insertOne({ _id: "legacy", username: "old", displayName: "Old", role: "admin", organisation: "default", passwordHash: "", disabled: false, createdAt: clock.now() });
    expect(await store.users.get("legacy")).toMatchObject({ id: "legacy", failedLogins: 0, lockedUntil: null, totp: null });
  });

  it("updates the fields it is given and only those, and lists one organisation's users by username", async () => {
    const user = await store.users.create(newUser("dan"));
    await store.users.create(newUser("ann"));
    await store.users.create(newUser("zed", "ngo-2"));
    const lockedUntil = new Date(clock.now().getTime() + 60_000);
    const updated = await store.users.update(user.id, { displayName: "Daniel", role: "supervisor", disabled: true, lockedUntil, totp: { secret: "JBSWY3DPEHPK3PXP", enabled: false, lastStep: null } });
    expect(updated).toMatchObject({ id: user.id, username: "dan", displayName: "Daniel", role: "supervisor", disabled: true, lockedUntil, passwordHash: "$argon2id$x", totp: { secret: "JBSWY3DPEHPK3PXP", enabled: false, lastStep: null } });
    expect(await store.users.get(user.id)).toEqual(updated);
    expect(await store.users.update(user.id, {})).toEqual(updated);
    expect(await store.users.update("nobody", { disabled: true })).toBeNull();
    expect((await store.users.listByOrganisation("ngo-1", { limit: 10 })).map((u) => u.username)).toEqual(["ann", "dan"]);
    expect((await store.users.listByOrganisation("ngo-1", { limit: 1, skip: 1 })).map((u) => u.username)).toEqual(["dan"]);
    expect((await store.users.listByOrganisation("ngo-3", { limit: 10 }))).toEqual([]);
  });

  it("keeps the display name and the TOTP secret behind the field codec, under the user's id", async () => {
    // A codec that seals values visibly, so that the raw document shows whether it was used.
    const sealed = await backend.openStore({
      clock,
      codec: {
        encode: async (subjectId, value) => ({ sealedFor: subjectId, value: Buffer.from(JSON.stringify(value)).toString("base64") }),
        decode: async (subjectId, stored) => {
          const box = stored as { sealedFor: string; value: string };
          return box.sealedFor === subjectId ? JSON.parse(Buffer.from(box.value, "base64").toString()) : null;
        },
      },
    });
    try {
      const user = await sealed.users.create(newUser("erin"));
      await sealed.users.update(user.id, { displayName: "Erin E.", totp: { secret: "SECRETBASE32AAAA", enabled: true, lastStep: 7 } });
      const raw = JSON.stringify(await sealed.db.collection("users").findOne({ _id: user.id }));
      expect(raw).not.toContain("SECRETBASE32AAAA");
      expect(raw).not.toContain("Erin E.");
      expect(await sealed.users.get(user.id)).toMatchObject({ displayName: "Erin E.", totp: { secret: "SECRETBASE32AAAA", enabled: true, lastStep: 7 } });
    } finally {
      await sealed.cleanup();
    }
  });

  it("counts failed sign-ins atomically and reports a lock set meanwhile", async () => {
    const user = await store.users.create(newUser("fay"));
    expect((await store.users.addFailedLogin(user.id))?.failedLogins).toBe(1);
    expect((await store.users.addFailedLogin(user.id))?.failedLogins).toBe(2);
    // Concurrent: none is lost, and each caller sees its own update's result.
    const counts = await Promise.all([1, 2, 3].map(async () => (await store.users.addFailedLogin(user.id))?.failedLogins ?? 0));
    expect(counts.sort()).toEqual([3, 4, 5]);
    const lockedUntil = new Date(clock.now().getTime() + 900_000);
    await store.users.update(user.id, { failedLogins: 0, lockedUntil });
    expect(await store.users.addFailedLogin(user.id)).toEqual({ failedLogins: 1, lockedUntil });
    expect(await store.users.addFailedLogin("nobody")).toBeNull();
  });

  it("spends a TOTP time-step once, only forward, and only with TOTP on", async () => {
    const user = await store.users.create(newUser("gus"));
    expect(await store.users.useTotpStep(user.id, 100)).toBe(false);
    await store.users.update(user.id, { totp: { secret: "S", enabled: false, lastStep: null } });
    expect(await store.users.useTotpStep(user.id, 100)).toBe(false);
    await store.users.update(user.id, { totp: { secret: "S", enabled: true, lastStep: null } });
    const racing = await Promise.all([store.users.useTotpStep(user.id, 100), store.users.useTotpStep(user.id, 100)]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(await store.users.useTotpStep(user.id, 99)).toBe(false);
    expect(await store.users.useTotpStep(user.id, 101)).toBe(true);
    expect((await store.users.get(user.id))?.totp?.lastStep).toBe(101);
  });

  it("keeps console sessions apart from API tokens: CSRF token, activity, revocation by kind", async () => {
    const expiresAt = new Date(clock.now().getTime() + 3_600_000);
    const state = { csrfToken: "csrf-1", lastSeenAt: clock.now() };
    const consoleSession = await store.sessions.createWithId("c".repeat(64), "user-9", expiresAt, state);
    expect(consoleSession).toEqual({ id: "c".repeat(64), userId: "user-9", createdAt: clock.now(), expiresAt, console: state });
    expect(await store.sessions.get(consoleSession.id)).toEqual(consoleSession);
    const apiSession = await store.sessions.createWithId("a".repeat(64), "user-9", expiresAt);
    expect(await store.sessions.get(apiSession.id)).not.toHaveProperty("console");
    clock.advance(90_000);
    await store.sessions.touch(consoleSession.id, clock.now());
    await store.sessions.touch(apiSession.id, clock.now());
    expect((await store.sessions.get(consoleSession.id))?.console?.lastSeenAt).toEqual(clock.now());
    expect(await store.sessions.get(apiSession.id)).toEqual(apiSession);

    await store.sessions.createWithId("d".repeat(64), "user-9", expiresAt, state);
    await store.sessions.createWithId("e".repeat(64), "user-8", expiresAt, state);
    expect(await store.sessions.deleteForUser("user-9", "console")).toBe(2);
    expect(await store.sessions.get(consoleSession.id)).toBeNull();
    expect(await store.sessions.get(apiSession.id)).toEqual(apiSession);
    expect(await store.sessions.deleteForUser("user-9", "api")).toBe(1);
    await store.sessions.createWithId("f".repeat(64), "user-8", expiresAt);
    expect(await store.sessions.deleteForUser("user-8")).toBe(2);
    expect(await store.db.collection("sessions").countDocuments({})).toBe(0);
  });
});
