import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { NewOutboxMessage } from "../../src/ports/outboxStore.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

describe.each(BACKENDS)("OutboxStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  const outgoing = (id: string): NewOutboxMessage => ({
    id,
    channel: "telegram",
    channelUserId: "12345",
    conversationId: "conv-1",
    subjectId: "subject-1",
    content: { text: `message ${id}` },
    createdAt: clock.tick(),
  });

  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  it("enqueues idempotently", async () => {
    await store.outbox.enqueue([outgoing("m1"), outgoing("m2")]);
    await store.outbox.enqueue([outgoing("m1")]);
    expect(await store.db.collection("outbox").countDocuments({})).toBe(2);
    expect(await store.outbox.get("m1")).toMatchObject({ status: "pending", attempts: 0, channelUserId: "12345", content: { text: "message m1" } });
  });

  it("leases each due message to exactly one of several concurrent senders, oldest first", async () => {
    await store.outbox.enqueue(Array.from({ length: 30 }, (_, i) => outgoing(`m${String(i).padStart(2, "0")}`)));
    const now = clock.tick();
    const batches = await Promise.all(Array.from({ length: 6 }, () => store.outbox.claimDue(now, 10, 30_000)));
    const ids = batches.flat().map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await store.outbox.claimDue(now, 10, 30_000)).toEqual([]);
    const single = await Promise.all([store.outbox.claimDue(new Date(now.getTime() + 30_000), 1, 1000)]);
    expect(single[0]?.[0]?.id).toBe("m00");
  });

  it("records sent and failed deliveries, and retries when asked", async () => {
    await store.outbox.enqueue([outgoing("m1"), outgoing("m2")]);
    const now = clock.tick();
    await store.outbox.claimDue(now, 2, 30_000);
    await store.outbox.markSent("m1", "tg-991", now);
    await store.outbox.markFailed("m2", "CHANNEL_RATE_LIMITED", new Date(now.getTime() + 5000));
    expect(await store.outbox.get("m1")).toMatchObject({ status: "sent", channelMessageId: "tg-991", sentAt: now, attempts: 1 });
    expect(await store.outbox.get("m2")).toMatchObject({ status: "pending", lastError: "CHANNEL_RATE_LIMITED" });
    expect(await store.outbox.claimDue(now, 5, 30_000)).toEqual([]);
    const retried = await store.outbox.claimDue(new Date(now.getTime() + 5000), 5, 30_000);
    expect(retried.map((m) => [m.id, m.attempts])).toEqual([["m2", 2]]);
    await store.outbox.markFailed("m2", "CHANNEL_BLOCKED", null);
    expect(await store.outbox.get("m2")).toMatchObject({ status: "failed", lastError: "CHANNEL_BLOCKED" });
  });

  it("drops a sent message's content and the person's channel id, and still takes its status reports", async () => {
    await store.outbox.enqueue([outgoing("m1")]);
    const now = clock.tick();
    await store.outbox.claimDue(now, 1, 30_000);
    await store.outbox.markSent("m1", "wa-1", now);
    const kept = await store.db.collection("outbox").findOne({ _id: "m1" });
    expect(kept).not.toHaveProperty("content");
    expect(kept).not.toHaveProperty("channelUserId");
    await store.outbox.recordStatus("wa-1", "failed", clock.tick(), "CHANNEL_BLOCKED");
    expect(await store.outbox.get("m1")).toMatchObject({ status: "failed", lastError: "CHANNEL_BLOCKED", channelUserId: "", channelMessageId: "wa-1" });
  });

  it("records replies sent straight from a turn once, as sent, and never queues them again", async () => {
    const sentAt = clock.tick();
    await store.outbox.recordSent([{ ...outgoing("d1"), channelMessageId: "tg-1", sentAt }]);
    expect(await store.outbox.get("d1")).toMatchObject({ status: "sent", attempts: 0, channelMessageId: "tg-1", sentAt, channelUserId: "", content: undefined });
    await store.outbox.recordStatus("tg-1", "delivered", clock.tick());
    expect(await store.db.collection("outbox").findOne({ _id: "d1" })).toMatchObject({ deliveryReports: [{ status: "delivered" }] });
    // Crash recovery moved one to the outbox while it was being sent: recording it marks it sent.
    await store.outbox.enqueue([outgoing("d2")]);
    expect(await store.outbox.hasUnsent("conv-1")).toBe(true);
    await store.outbox.recordSent([{ ...outgoing("d2"), channelMessageId: "tg-2", sentAt }]);
    expect(await store.outbox.get("d2")).toMatchObject({ status: "sent", channelMessageId: "tg-2", content: undefined });
    expect(await store.outbox.hasUnsent("conv-1")).toBe(false);
    expect(await store.outbox.listDueFor("conv-1", clock.tick(), 10)).toEqual([]);
    // Recording again, or queueing again, changes nothing.
    await store.outbox.recordSent([{ ...outgoing("d1"), channelMessageId: "tg-other", sentAt: clock.tick() }]);
    await store.outbox.enqueue([outgoing("d1")]);
    expect(await store.outbox.get("d1")).toMatchObject({ status: "sent", channelMessageId: "tg-1", sentAt });
    expect(await store.db.collection("outbox").countDocuments({})).toBe(2);
  });

  it("tells whether a conversation has a message waiting: due, held or being sent", async () => {
    expect(await store.outbox.hasUnsent("conv-1")).toBe(false);
    await store.outbox.enqueue([outgoing("w1")]);
    expect(await store.outbox.hasUnsent("conv-1")).toBe(true);
    expect(await store.outbox.hasUnsent("conv-2")).toBe(false);
    await store.outbox.markRetry("w1", "HTTP_429", new Date(clock.now().getTime() + 60_000));
    expect(await store.outbox.hasUnsent("conv-1")).toBe(true);
    await store.outbox.claimDue(new Date(clock.now().getTime() + 60_000), 1, 30_000);
    expect(await store.outbox.get("w1")).toMatchObject({ status: "sending" });
    expect(await store.outbox.hasUnsent("conv-1")).toBe(true);
    await store.outbox.markFailed("w1", "BLOCKED", null);
    expect(await store.outbox.hasUnsent("conv-1")).toBe(false);
  });

  it("lists a conversation's due messages oldest first, retries later, and releases held ones", async () => {
    await store.outbox.enqueue([outgoing("m1"), outgoing("m2"), { ...outgoing("x1"), conversationId: "conv-2" }]);
    clock.tick();
    expect((await store.outbox.listDueFor("conv-1", clock.now(), 10)).map((m) => m.id)).toEqual(["m1", "m2"]);
    expect((await store.outbox.conversationsWithDue(clock.now(), 10)).sort()).toEqual(["conv-1", "conv-2"]);
    const later = new Date(clock.now().getTime() + 60_000);
    await store.outbox.markRetry("m1", "HTTP_500", later);
    await store.outbox.markRetry("m2", "HTTP_500", later);
    expect(await store.outbox.listDueFor("conv-1", clock.now(), 10)).toEqual([]);
    expect(await store.outbox.get("m1")).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP_500" });
    expect(await store.outbox.releaseHeld("conv-1", clock.now())).toBe(2);
    expect((await store.outbox.listDueFor("conv-1", clock.now(), 10)).map((m) => m.id)).toEqual(["m1", "m2"]);
  });
});
