import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { InboundRecord } from "../../src/ports/inboxStore.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

const DAY = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)("InboxStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  const message = (id: string): InboundRecord => ({
    channel: "whatsapp",
    channelMessageId: id,
    channelUserId: "+15550001111",
    conversationId: "conversation-1",
    subjectId: "subject-1",
    payload: { text: "hello" },
    sentAt: clock.now(),
    receivedAt: clock.tick(),
  });

  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  it("stores a message once and reports redeliveries as duplicates, even concurrent ones", async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.inbox.record(message("wamid.1"))));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect((await store.inbox.record({ ...message("wamid.1"), channel: "telegram" })).duplicate).toBe(false);
    expect(await store.db.collection("inbox").countDocuments({})).toBe(2);
  });

  it("lists unprocessed messages oldest first, and forgets them once processed", async () => {
    const a = await store.inbox.record(message("a"));
    await store.inbox.record(message("b"));
    expect((await store.inbox.listUnprocessed(10)).map((m) => m.channelMessageId)).toEqual(["a", "b"]);
    if (a.duplicate) throw new Error("unexpected duplicate");
    await store.inbox.markProcessed(a.message.id, clock.now());
    const left = await store.inbox.listUnprocessed(10);
    expect(left.map((m) => m.channelMessageId)).toEqual(["b"]);
    expect(left[0]).toMatchObject({ channelUserId: "+15550001111", payload: { text: "hello" }, status: "received" });
  });

  it("expires processed messages after the 7-day retention, keeping unprocessed ones", async () => {
    const a = await store.inbox.record(message("a"));
    await store.inbox.record(message("b"));
    if (a.duplicate) throw new Error("unexpected duplicate");
    await store.inbox.markProcessed(a.message.id, clock.now());
    if (backend.name !== "embedded") return; // the server's TTL monitor runs on its own schedule
    clock.advance(6 * DAY);
    expect(await store.sweepExpired()).toBe(0);
    clock.advance(1 * DAY + 1000);
    expect(await store.sweepExpired()).toBe(1);
    // Redelivery within the window was dropped; after it the id is unknown again, as intended.
    expect(await store.db.collection("inbox").countDocuments({})).toBe(1);
  });

  it("lists one conversation's unprocessed messages in the order they were sent, not received", async () => {
    const sent = (id: string, conversationId: string, secondsAgo: number): InboundRecord => ({
      ...message(id),
      conversationId,
      sentAt: new Date(clock.now().getTime() - secondsAgo * 1000),
    });
    await store.inbox.record(sent("late", "c-1", 1));
    await store.inbox.record(sent("other", "c-2", 5));
    await store.inbox.record(sent("early", "c-1", 3));
    expect((await store.inbox.listUnprocessedFor("c-1", 10)).map((m) => m.channelMessageId)).toEqual(["early", "late"]);
    expect(await store.inbox.deleteForConversation("c-1")).toBe(2);
    expect((await store.inbox.listUnprocessed(10)).map((m) => m.channelMessageId)).toEqual(["other"]);
  });

  it("keeps only what deduplication and erasure need once a message is processed", async () => {
    const a = await store.inbox.record(message("a"));
    if (a.duplicate) throw new Error("unexpected duplicate");
    await store.inbox.markProcessed(a.message.id, clock.now());
    const kept = await store.db.collection("inbox").findOne({ _id: a.message.id });
    expect(Object.keys(kept ?? {}).sort()).toEqual(["_id", "conversationId", "expiresAt", "processedAt", "status"]);
    expect((await store.inbox.record(message("a"))).duplicate).toBe(true);
    expect(await store.inbox.deleteForConversation("conversation-1")).toBe(1);
  });
});
