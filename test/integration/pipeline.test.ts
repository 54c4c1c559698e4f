/**
 * The inbound path's guarantees, on the embedded store: nothing acknowledged is lost, nothing is
 * processed twice, one person's messages are handled in the order they were sent (even across app
 * instances), and replies go out in order despite channel failures.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { ConversationWorker } from "../../src/app/inbound/conversationWorker.js";
import { sweepOnce } from "../../src/app/inbound/sweeper.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import type { DeliveryResult } from "../../src/ports/channelPort.js";
import { envelope, instance, MovableClock, openTestStore, RecordingSender } from "../helpers/pipeline.js";

/** A sender with read receipts (as WhatsApp's): records which messages were shown as read, and when. */
class ReadingSender extends RecordingSender {
  readonly read: string[] = [];
  /** How many replies had been delivered when each receipt went. */
  readonly readBeforeReplies: number[] = [];
  async markRead(channelMessageId: string): Promise<DeliveryResult> {
    this.read.push(channelMessageId);
    this.readBeforeReplies.push(this.delivered.length);
    return { status: "sent", channelMessageId };
  }
}

/** Up to the first intake question: language, flow, who is writing. */
const OPENING = ["/start", "1", "1", "3"];

describe("the message pipeline", () => {
  let store: OpenedStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it("processes each message once, even when the channel redelivers it", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    const first = envelope("p1", "/start", clock.now());
    expect(await app.receiver.receive(first)).toBe("stored");
    expect(await app.receiver.receive(first)).toBe("duplicate");
    await app.worker.idle();
    expect(sender.textsFor("p1")).toEqual(["Which language do you want?"]);
  });

  it("handles one person's messages in the order they were sent, across two app instances", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const a = instance(store, sender, clock, "instance-a");
    const b = instance(store, sender, clock, "instance-b");
    const answers = [...OPENING, "7", "yes", "yes", "yes", "yes", "Amina", "Juma", "Mimi"];
    const start = clock.now().getTime();
    // Delivered concurrently, alternately to each instance, in reverse order of sending: the
    // order is restored from the channel's send times among the messages already received.
    const envelopes = answers.map((text, i) => envelope("p2", text, new Date(start + i * 1000)));
    await Promise.all([...envelopes].reverse().map((e, i) => (i % 2 === 0 ? a : b).receiver.receive(e)));
    await Promise.all([a.worker.idle(), b.worker.idle()]);
    await sweepOnce(a.deps, a.worker); // picks up anything a lease held elsewhere left behind
    const conversation = await store.conversations.findByChannelUser("web", "p2");
    expect(conversation?.state).toMatchObject({ record: { age: 7, name_first: "Amina", name_last: "Juma", name_nickname: "Mimi" } });
    expect(await store.db.collection("inbox").countDocuments({ status: "received" })).toBe(0);
  });

  it("alone on its store, processes every message of a burst in order without the sweeper", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "only", { soleInstance: true });
    const answers = [...OPENING, "7", "yes", "yes", "yes", "yes", "Amina", "Juma", "Mimi"];
    const start = clock.now().getTime();
    // One at a time, each while the drain of the ones before is still running.
    const turns: Promise<unknown>[] = [];
    for (const [i, text] of answers.entries()) {
      turns.push(app.receiver.receive(envelope("p9", text, new Date(start + i * 1000))));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(turns);
    await app.worker.idle();
    expect(await store.db.collection("inbox").countDocuments({ status: "received" })).toBe(0);
    const conversation = await store.conversations.findByChannelUser("web", "p9");
    expect(conversation?.state).toMatchObject({ record: { age: 7, name_first: "Amina", name_last: "Juma", name_nickname: "Mimi" } });
  });

  it("processes after a restart what was acknowledged but not processed before a crash", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const crashed = instance(store, sender, clock, "crashed");
    // Persisted (and so acknowledged) but never processed: the process died before the worker ran.
    const conversation = await store.conversations.findOrCreate({ channel: "web", channelUserId: "p3", expiresAt: new Date(clock.now().getTime() + 86_400_000) });
    await store.inbox.record({ channel: "web", channelMessageId: "lost-1", channelUserId: "p3", conversationId: conversation.id, subjectId: conversation.subjectId, payload: { input: { type: "text", text: "/start" }, hints: {} }, sentAt: clock.now(), receivedAt: clock.now() });
    expect(crashed.worker).toBeDefined();
    const restarted = instance(store, sender, clock, "restarted");
    await sweepOnce(restarted.deps, restarted.worker);
    expect(sender.textsFor("p3")).toEqual(["Which language do you want?"]);
  });

  it("retries replies after 429 and 500, delivering each once and in order", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    for (const text of ["/start", "1"]) await app.receiver.receive(envelope("p4", text, clock.now()));
    await app.worker.idle();
    sender.script.push({ status: "retry", code: "HTTP_429", retryAfterMs: 3_000 }, { status: "retry", code: "HTTP_500" });
    await app.receiver.receive(envelope("p4", "1", clock.now())); // intake: welcome + first question
    await app.worker.idle();
    expect(sender.textsFor("p4")).toHaveLength(2);
    clock.advance(3_000);
    await sweepOnce(app.deps, app.worker); // the 429's retry_after has passed: the 500 comes next
    expect(sender.textsFor("p4")).toHaveLength(2);
    clock.advance(2_000);
    await sweepOnce(app.deps, app.worker);
    expect(sender.textsFor("p4").slice(2)).toEqual([
      "Hello. I am here to help children who are alone, lost, or who need help. I will ask you some short questions.",
      "Who is writing?",
    ]);
    expect(sender.attempts).toBe(6);
  });

  it("sends a turn's replies straight away and records each in the outbox once, as sent", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    for (const text of ["/start", "1"]) await app.receiver.receive(envelope("p10", text, clock.now()));
    await app.worker.idle();
    const delivered = sender.textsFor("p10").length;
    expect(delivered).toBeGreaterThan(1);
    const outbox = await store.db.collection("outbox").find({}).toArray();
    expect(outbox).toHaveLength(delivered);
    for (const reply of outbox) {
      expect(reply).toMatchObject({ status: "sent", attempts: 0, channelMessageId: expect.stringMatching(/^sent-/) });
      // As a sent message: no content and no channel id left (the transcript keeps the words).
      expect(reply).not.toHaveProperty("content");
      expect(reply).not.toHaveProperty("channelUserId");
    }
    const conversation = await store.conversations.findByChannelUser("web", "p10");
    expect(await store.conversations.pendingOutbound(conversation?.id ?? "")).toEqual([]);
  });

  it("sends replies an earlier drain left queued on the conversation before the next turn's", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    await app.receiver.receive(envelope("p11", "/start", clock.now()));
    await app.worker.idle();
    // A drain saved a turn, then failed before its reply went anywhere: the reply is only queued
    // on the conversation, where the sweeper has not found it yet.
    const conversation = await store.conversations.findByChannelUser("web", "p11");
    if (!conversation) throw new Error("no conversation");
    const left = { text: "Left from before", choices: [], multiple: false, urgent: false, lang: "en", direction: "ltr" };
    await store.conversations.save(conversation, {}, [{ id: "left-1", sequence: (conversation.version + 1) * 1000, content: left }]);
    await app.receiver.receive(envelope("p11", "1", clock.now()));
    await app.worker.idle();
    const texts = sender.textsFor("p11");
    expect(texts[1]).toBe("Left from before");
    expect(texts.length).toBeGreaterThan(2);
    expect(await store.db.collection("outbox").countDocuments({ status: { $ne: "sent" } })).toBe(0);
    expect(await store.conversations.pendingOutbound(conversation.id)).toEqual([]);
  });

  it("starts a turn from the conversation its last turn saved while the stored version is the same, for a minute at most", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const conversations = store.conversations;
    const calls = { current: 0, get: 0 };
    // The same store, counting how the worker reads conversations.
    const counted: OpenedStore = {
      ...store,
      conversations: Object.assign(Object.create(conversations) as typeof conversations, {
        current: (known: Parameters<typeof conversations.current>[0]) => (calls.current++, conversations.current(known)),
        get: (id: string) => (calls.get++, conversations.get(id)),
      }),
    };
    const sender = new RecordingSender();
    const app = instance(counted, sender, clock, "a");
    const say = async (text: string): Promise<void> => {
      await app.receiver.receive(envelope("p12", text, clock.now()));
      await app.worker.idle();
    };
    await say("/start");
    await say("1");
    expect(calls).toEqual({ current: 1, get: 1 }); // the first turn read it; the second only checked it
    // Changed by someone else meanwhile (`current` then reads it in full: its contract test), and
    // the turn works from the stored conversation.
    const stored = await conversations.findByChannelUser("web", "p12");
    if (!stored) throw new Error("no conversation");
    await conversations.save(stored, { state: null });
    await say("hello");
    expect(calls).toEqual({ current: 2, get: 1 });
    expect(sender.textsFor("p12").at(-1)).toBe("Which language do you want?");
    // A minute without a word: forgotten, read in full again.
    clock.advance(61_000);
    await sweepOnce(app.deps, app.worker);
    await say("1");
    expect(calls).toEqual({ current: 2, get: 2 });
  });

  it("fails the drain when a sent reply cannot be recorded, and the sweeper delivers what was left", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const outbox = store.outbox;
    let failRecords = true;
    const failing: OpenedStore = {
      ...store,
      outbox: Object.assign(Object.create(outbox) as typeof outbox, {
        recordSent: (messages: Parameters<typeof outbox.recordSent>[0]) => (failRecords ? Promise.reject(new Error("disk full")) : outbox.recordSent(messages)),
      }),
    };
    // Each send takes a moment, so the first record fails while the second reply is on its way.
    class SlowSender extends RecordingSender {
      override async deliver(...args: Parameters<RecordingSender["deliver"]>): Promise<DeliveryResult> {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return super.deliver(...args);
      }
    }
    const sender = new SlowSender();
    const reports: string[] = [];
    const app = instance(failing, sender, clock, "a");
    const deps = { ...app.deps, report: (code: string) => void reports.push(code) };
    const worker = new ConversationWorker(deps);
    const conversation = await store.conversations.findOrCreate({ channel: "web", channelUserId: "p13", expiresAt: new Date(clock.now().getTime() + 86_400_000) });
    // Two messages, one drain: their replies are sent one after the other.
    for (const [i, text] of ["/start", "1"].entries()) {
      await store.inbox.record({ channel: "web", channelMessageId: `p13-${text}`, channelUserId: "p13", conversationId: conversation.id, subjectId: conversation.subjectId, payload: { input: { type: "text", text }, hints: {} }, sentAt: new Date(clock.now().getTime() + i * 1000), receivedAt: clock.now() });
    }
    await worker.kick(conversation.id);
    expect(reports.length).toBeGreaterThan(0);
    const sentBefore = sender.textsFor("p13");
    expect(sentBefore.length).toBeGreaterThan(1);
    // The store works again: the replies still queued on the conversation reach the outbox, and
    // none of them is lost (those already sent may go again: they were never recorded).
    failRecords = false;
    await sweepOnce(deps, worker);
    expect(await store.conversations.pendingOutbound(conversation.id)).toEqual([]);
    expect(await store.db.collection("outbox").countDocuments({ status: { $ne: "sent" } })).toBe(0);
    expect(new Set(sender.textsFor("p13"))).toEqual(new Set(sentBefore));
  });

  it("marks a permanent failure and goes on", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    sender.script.push({ status: "failed", code: "BLOCKED" });
    await app.receiver.receive(envelope("p5", "/start", clock.now()));
    await app.worker.idle();
    const failed = await store.db.collection("outbox").find({ status: "failed" }).toArray();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ lastError: "BLOCKED" });
  });

  it("erases the conversation and its messages on 'stop', after saying goodbye", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    for (const text of [...OPENING, "7", "stop", "yes"]) await app.receiver.receive(envelope("p6", text, clock.now()));
    await app.worker.idle();
    expect(sender.textsFor("p6").at(-1)).toMatch(/^Everything you told us has been deleted\./);
    expect(await store.conversations.findByChannelUser("web", "p6")).toBeNull();
    expect(await store.db.collection("inbox").countDocuments({})).toBe(0);
  });

  it("reminds a person who stopped answering, once, and ends the dialog after a long silence", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    for (const text of OPENING) await app.receiver.receive(envelope("p7", text, clock.now()));
    await app.worker.idle();
    const sent = sender.textsFor("p7").length;
    clock.advance(29 * 60_000);
    await sweepOnce(app.deps, app.worker);
    expect(sender.textsFor("p7")).toHaveLength(sent);
    clock.advance(2 * 60_000);
    await sweepOnce(app.deps, app.worker);
    await sweepOnce(app.deps, app.worker);
    expect(sender.textsFor("p7").slice(sent)).toEqual(['Are you still there? You can go on when you are ready. Write "help" if you need help now.']);
    clock.advance(7 * 24 * 3_600_000);
    await sweepOnce(app.deps, app.worker);
    const conversation = await store.conversations.findByChannelUser("web", "p7");
    expect(conversation).toMatchObject({ timerAt: null, state: { status: "expired" } });
  });

  it("sends one read receipt per drain, for the latest message finished: a burst is one receipt, not one each", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new ReadingSender();
    const app = instance(store, sender, clock, "a");
    // One message, one drain: its own receipt, before its replies go.
    const first = envelope("p8", "/start", clock.now());
    await app.receiver.receive(first);
    await app.worker.idle();
    expect(sender.read).toEqual([first.channelMessageId]);
    expect(sender.readBeforeReplies).toEqual([0]);
    // Three messages that arrive while another instance holds the lease are one drain's batch.
    const conversation = await store.conversations.findByChannelUser("web", "p8");
    const id = conversation?.id ?? "";
    expect(await store.conversations.acquireLease(id, "elsewhere", 30_000)).toBe(true);
    const burst = ["1", "1", "3"].map((text, i) => envelope("p8", text, new Date(clock.now().getTime() + (i + 1) * 1000)));
    for (const e of burst) await app.receiver.receive(e);
    await app.worker.idle();
    expect(sender.read).toHaveLength(1); // nothing processed while the lease was elsewhere
    await store.conversations.releaseLease(id, "elsewhere");
    await app.worker.kick(id);
    expect(sender.read).toEqual([first.channelMessageId, burst[2]?.channelMessageId]);
    expect(await store.db.collection("inbox").countDocuments({ status: "received" })).toBe(0);
    expect(sender.textsFor("p8").length).toBeGreaterThan(3); // the burst's turns ran and replied
  });
});

