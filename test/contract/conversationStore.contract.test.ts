import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

const DAY = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)("ConversationStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  const person = () => ({ channel: "whatsapp" as const, channelUserId: "+15550001111", expiresAt: new Date(clock.now().getTime() + 30 * DAY) });

  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  it("creates one conversation per person and channel, even for concurrent first messages", async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => store.conversations.findOrCreate(person())));
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
    expect(new Set(all.map((c) => c.subjectId)).size).toBe(1);
    const other = await store.conversations.findOrCreate({ ...person(), channel: "telegram" });
    expect(other.id).not.toBe(all[0]?.id);
    expect(await store.db.collection("conversations").countDocuments({})).toBe(2);
  });

  it("keys by a keyed hash, never the raw channel user id", async () => {
    const created = await store.conversations.findOrCreate(person());
    expect(created.id).not.toContain("5550001111");
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.channelUserId).toBe("+15550001111");
    expect((await store.conversations.findByChannelUser("whatsapp", "+15550001111"))?.id).toBe(created.id);
    expect(await store.conversations.findByChannelUser("whatsapp", "+15550002222")).toBeNull();
  });

  it("saves with optimistic concurrency: a stale version is a typed conflict", async () => {
    const read = await store.conversations.findOrCreate(person());
    const state = { step: "age", answers: { age: 9 } };
    const saved = await store.conversations.save(read, { state, dialogId: "intake", dialogVersion: 2, schemaVersion: 1, lastInboundAt: clock.now() });
    expect(saved).toMatchObject({ version: read.version + 1, state, dialogId: "intake", dialogVersion: 2 });
    await expect(store.conversations.save(read, { state: { step: "other" } })).rejects.toMatchObject({ code: "CONVERSATION_VERSION_CONFLICT" });
    expect((await store.conversations.get(read.id))?.state).toEqual(state);
  });

  it("lets exactly one of many concurrent saves of the same version win", async () => {
    const read = await store.conversations.findOrCreate(person());
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.conversations.save(read, { state: { writer: i } })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await store.conversations.get(read.id))?.version).toBe(read.version + 1);
  });

  it("queues outbound messages in the same write as the state, until cleared", async () => {
    const read = await store.conversations.findOrCreate(person());
    await store.conversations.save(read, { state: { step: 2 } }, [{ id: "m1", sequence: 1000, content: { text: "hello" } }, { id: "m2", sequence: 1001, content: { text: "next" } }]);
    const pending = await store.conversations.listWithPendingOutbound(10);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.outbound).toEqual([{ id: "m1", sequence: 1000, content: { text: "hello" } }, { id: "m2", sequence: 1001, content: { text: "next" } }]);
    await store.conversations.clearPendingOutbound(read.id, ["m1"]);
    expect((await store.conversations.listWithPendingOutbound(10))[0]?.outbound.map((m) => m.id)).toEqual(["m2"]);
    await store.conversations.clearPendingOutbound(read.id, ["m2"]);
    expect(await store.conversations.listWithPendingOutbound(10)).toEqual([]);
  });

  it("returns the saved conversation as a read would, with every reply still queued on it", async () => {
    const read = await store.conversations.findOrCreate(person());
    const first = await store.conversations.save(read, { state: { step: 2 }, timerAt: clock.now() }, [{ id: "m1", sequence: 1000, content: { text: "hello" } }]);
    const { queuedOutbound: firstQueued, ...firstSaved } = first;
    expect(firstQueued).toEqual(["m1"]);
    expect(await store.conversations.get(read.id)).toEqual(firstSaved);
    // Not yet dropped, m1 is still there after the next save; an unchanged field keeps its value.
    const second = await store.conversations.save(first, { lastInboxId: "in-2" }, [{ id: "m2", sequence: 2000, content: { text: "next" } }]);
    const { queuedOutbound: secondQueued, ...secondSaved } = second;
    expect(secondQueued).toEqual(["m1", "m2"]);
    expect(secondSaved).toMatchObject({ version: read.version + 2, state: { step: 2 }, lastInboxId: "in-2" });
    expect(await store.conversations.get(read.id)).toEqual(secondSaved);
    expect(await store.conversations.pendingOutbound(read.id)).toEqual([
      { id: "m1", sequence: 1000, content: { text: "hello" } },
      { id: "m2", sequence: 2000, content: { text: "next" } },
    ]);
    await store.conversations.clearPendingOutbound(read.id, ["m1", "m2"]);
    expect((await store.conversations.save(second, {})).queuedOutbound).toEqual([]);
    expect(await store.conversations.pendingOutbound("no-such-conversation")).toEqual([]);
  });

  it("tells whether a conversation seen earlier is still the stored one, by its version and subject", async () => {
    const read = await store.conversations.findOrCreate(person());
    const saved = await store.conversations.save(read, { state: { step: 1 } });
    expect(await store.conversations.current(saved)).toBe(saved);
    // Changed since: the stored conversation, read in full.
    const later = await store.conversations.save(saved, { state: { step: 2 } });
    expect(await store.conversations.current(saved)).toEqual(await store.conversations.get(read.id));
    expect((await store.conversations.current(saved))?.state).toEqual({ step: 2 });
    // Erased and started afresh, at the same version again: a different conversation.
    await store.conversations.delete(read.id);
    expect(await store.conversations.current(later)).toBeNull();
    let fresh = await store.conversations.findOrCreate(person());
    while (fresh.version < later.version) fresh = await store.conversations.save(fresh, { state: { step: fresh.version } });
    expect(fresh.version).toBe(later.version);
    expect(await store.conversations.current(later)).toEqual(await store.conversations.get(read.id));
    expect((await store.conversations.current(later))?.subjectId).toBe(fresh.subjectId);
    clock.advance(31 * DAY);
    expect(await store.conversations.current(fresh)).toBeNull();
  });

  it("treats an expired conversation as gone and starts a new one", async () => {
    const first = await store.conversations.findOrCreate(person());
    clock.advance(31 * DAY);
    expect(await store.conversations.get(first.id)).toBeNull();
    const next = await store.conversations.findOrCreate(person());
    expect(next.subjectId).not.toBe(first.subjectId);
    expect(next.version).toBe(0);
  });

  it("gives the inbound path a reference: the same conversation, created once, afresh after expiry", async () => {
    const refs = await Promise.all(Array.from({ length: 5 }, () => store.conversations.findOrCreateRef(person())));
    expect(new Set(refs.map((r) => `${r.id}/${r.subjectId}`)).size).toBe(1);
    const full = await store.conversations.findOrCreate(person());
    expect(refs[0]).toEqual({ id: full.id, subjectId: full.subjectId });
    await store.conversations.save(full, { state: { step: "age" } });
    expect(await store.conversations.findOrCreateRef(person())).toEqual({ id: full.id, subjectId: full.subjectId });
    clock.advance(31 * DAY);
    const next = await store.conversations.findOrCreateRef(person());
    expect(next.id).toBe(full.id);
    expect(next.subjectId).not.toBe(full.subjectId);
    expect((await store.conversations.get(next.id))?.state).toBeNull();
  });

  it("round-trips dates in the state as opaque JSON", async () => {
    const read = await store.conversations.findOrCreate(person());
    const state = { answers: { date_of_separation: "2024-05-01" }, list: [1, 2, 3], nested: { deep: true } };
    await store.conversations.save(read, { state });
    expect((await store.conversations.get(read.id))?.state).toEqual(state);
  });

  it("gives the turn lease to one owner at a time, until released or lapsed", async () => {
    const { id } = await store.conversations.findOrCreate(person());
    const attempts = await Promise.all(["a", "b", "c", "d"].map((owner) => store.conversations.acquireLease(id, owner, 30_000)));
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const owner = ["a", "b", "c", "d"][attempts.indexOf(true)] ?? "";
    const other = owner === "a" ? "b" : "a";
    expect(await store.conversations.acquireLease(id, owner, 30_000)).toBe(true); // re-entrant for its owner
    expect(await store.conversations.acquireLease(id, other, 30_000)).toBe(false);
    await store.conversations.releaseLease(id, owner);
    expect(await store.conversations.acquireLease(id, other, 30_000)).toBe(true);
    clock.advance(30_001);
    expect(await store.conversations.acquireLease(id, owner, 30_000)).toBe(true); // the other's lease lapsed
  });

  it("refuses a lease on a conversation that does not exist, and lets only the owner release", async () => {
    expect(await store.conversations.acquireLease("no-such-conversation", "a", 30_000)).toBe(false);
    const { id } = await store.conversations.findOrCreate(person());
    expect(await store.conversations.acquireLease(id, "a", 30_000)).toBe(true);
    await store.conversations.releaseLease(id, "b");
    expect(await store.conversations.acquireLease(id, "b", 30_000)).toBe(false);
  });

  it("drops the replies the outbox holds when the lease is released", async () => {
    const read = await store.conversations.findOrCreate(person());
    expect(await store.conversations.acquireLease(read.id, "a", 30_000)).toBe(true);
    await store.conversations.save(read, { state: { step: 2 } }, [{ id: "m1", sequence: 1000, content: { text: "hello" } }, { id: "m2", sequence: 1001, content: { text: "next" } }]);
    await store.conversations.releaseLease(read.id, "a", ["m1"]);
    expect((await store.conversations.listWithPendingOutbound(10))[0]?.outbound.map((m) => m.id)).toEqual(["m2"]);
    expect(await store.conversations.acquireLease(read.id, "b", 30_000)).toBe(true);
  });
});
