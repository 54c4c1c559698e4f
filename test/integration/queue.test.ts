/**
 * The caseworker queue's use cases end to end over the playground channel: a disclosure goes to the
 * top of the queue; a caseworker claims it (two cannot), sees the handoff summary, talks with the
 * family live while the bot stays quiet (but for help contacts), and hands the chat back.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Actor, TranscriptLine } from "../../src/app/queue/queueService.js";
import { sweepOnce } from "../../src/app/inbound/sweeper.js";
import { PlaygroundPerson, startTestKinlink, type TestKinlink } from "../helpers/kinlink.js";
import { envelope, instance, MovableClock, openTestStore, RecordingSender } from "../helpers/pipeline.js";
import type { OpenedStore } from "../../src/storage/openStore.js";

const amina: Actor = { userId: "cw-amina", role: "caseworker", organisation: "demo" };
const bilal: Actor = { userId: "cw-bilal", role: "caseworker", organisation: "demo" };
const stranger: Actor = { userId: "cw-olek", role: "caseworker", organisation: "other-ngo" };

describe("the caseworker queue", () => {
  let kinlink: TestKinlink | undefined;
  let store: OpenedStore | undefined;
  afterEach(async () => {
    await kinlink?.stop();
    await store?.close();
    kinlink = undefined;
    store = undefined;
  });

  it("takes a disclosure from the playground to a caseworker and back to the bot", async () => {
    kinlink = await startTestKinlink();
    const { queue } = kinlink;
    const signals = { demo: 0, other: 0 };
    queue.watchQueue(amina, () => (signals.demo += 1));
    queue.watchQueue(stranger, () => (signals.other += 1));
    const family = new PlaygroundPerson(kinlink);
    for (const answer of ["/start", "1", "1", "1"]) await family.say(answer);
    await family.say("my uncle touches me at night and i am scared");
    expect(signals).toEqual({ demo: 1, other: 0 }); // open queue pages of the organisation refresh
    expect(await queue.list(stranger, { limit: 10 })).toEqual([]);
    const [top] = await queue.list(amina, { limit: 10 });
    await expect(queue.claim(stranger, top?.id ?? "")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(top).toMatchObject({ riskLevel: "high", status: "pending", channel: "web", language: "en" });
    expect(top?.reasons.some((r) => r.startsWith("text:en:sexual_violence"))).toBe(true);

    const claims = await Promise.allSettled([queue.claim(amina, top?.id ?? ""), queue.claim(bilal, top?.id ?? "")]);
    expect(claims.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(signals.demo).toBe(2);
    const holder = claims[0]?.status === "fulfilled" ? amina : bilal;
    await kinlink.worker.idle();
    expect(family.last()?.text).toMatch(/^Hello, I am a person from Kinlink Demo\./);

    const summary = await queue.handoff(holder, top?.id ?? "");
    expect(summary.answers).toMatchObject({ reporter_type: "child" });
    expect(summary.transcript.map((l) => l.from)).toContain("person");
    expect(summary.transcript.some((l) => l.text === "my uncle touches me at night and i am scared")).toBe(true);

    const live: TranscriptLine[] = [];
    const stop = await queue.watch(holder, top?.id ?? "", (line) => live.push(line));
    const quiet = await family.say("are you there?");
    expect(quiet).toEqual([]); // the bot stays quiet while a person holds the chat
    expect(live).toMatchObject([{ from: "person", text: "are you there?" }]);
    await queue.reply(holder, top?.id ?? "", "Yes, I am here. Are you safe right now?");
    await kinlink.worker.idle();
    expect(family.last()?.text).toBe("Yes, I am here. Are you safe right now?");
    expect((await family.say("help"))[0]).toMatchObject({ urgent: true }); // safety keywords still answered
    await expect(queue.reply(holder === amina ? bilal : amina, top?.id ?? "", "hi")).rejects.toMatchObject({ code: "NOT_ASSIGNEE" });

    await queue.handBack(holder, top?.id ?? "");
    await kinlink.worker.idle();
    expect(family.received.slice(-2).map((r) => r.text)).toEqual([
      "Thank you for talking with us. The automated helper is back now. Let's go on.",
      "How old are you? A guess is fine.",
    ]);
    stop();
    expect((await family.say("9"))[0]?.text).toBe("Are you in a safe place right now?");
    const trail = await kinlink.store.auditLog.listForTarget("escalation", top?.id ?? "", 20);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["escalation.claimed", "escalation.viewed", "escalation.replied", "escalation.handed_back"]));
    expect(JSON.stringify(trail)).not.toContain("Are you safe");
    family.close();
  });

  it("alerts the supervisor once and re-sends help contacts when nobody takes it in time", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const alerts: string[] = [];
    const app = instance(store, sender, clock, "a");
    const deps = { ...app.deps, alert: async (code: string) => void alerts.push(code) };
    for (const text of ["/start", "1", "1", "1", "i want to kill myself"]) await app.receiver.receive(envelope("p-sla", text, clock.now()));
    await app.worker.idle();
    const before = sender.textsFor("p-sla").length;
    clock.advance(59 * 60_000);
    await sweepOnce(deps, app.worker);
    expect(alerts).toEqual([]);
    clock.advance(2 * 60_000);
    await sweepOnce(deps, app.worker);
    await sweepOnce(deps, app.worker);
    expect(alerts).toEqual(["SLA_BREACHED"]);
    // (a reminder went out at 30 minutes: the person had not answered "what next?")
    expect(sender.textsFor("p-sla").slice(before).filter((t) => t.includes("116 111"))).toHaveLength(1);
    expect(sender.textsFor("p-sla").at(-1)).toContain("116 111");
  });

  it("gives a caseworker no more conversations than their capacity", async () => {
    kinlink = await startTestKinlink();
    const families = Array.from({ length: 6 }, () => new PlaygroundPerson(kinlink as TestKinlink));
    for (const family of families) for (const answer of ["/start", "1", "1", "talk to a person"]) await family.say(answer);
    const items = await kinlink.queue.list(amina, { limit: 10 });
    expect(items).toHaveLength(6);
    for (const item of items.slice(0, 5)) await kinlink.queue.claim(amina, item.id);
    await expect(kinlink.queue.claim(amina, items[5]?.id ?? "")).rejects.toMatchObject({ code: "AT_CAPACITY" });
    await expect(kinlink.queue.claim(bilal, items[5]?.id ?? "")).resolves.toMatchObject({ assignee: "cw-bilal" });
    families.forEach((f) => f.close());
  });
});

