/** AuditLog, UserStore and SessionStore: the small stores the console will build on. */
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
});
