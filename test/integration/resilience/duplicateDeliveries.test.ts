/**
 * Issue #7, resilience: under load (many conversations at once), every message is delivered two or
 * three times, the copies and the messages of each person shuffled together. Each message must be
 * processed exactly once and in the order the person sent it: every person ends with exactly the
 * replies of a calm run, and late redeliveries change nothing.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { InboundEnvelope } from "../../../src/ports/channelPort.js";
import type { OpenedStore } from "../../../src/storage/openStore.js";
import { instance, MovableClock, openTestStore, RecordingSender } from "../../helpers/pipeline.js";
import { seededRandom } from "../../helpers/storage/seededRandom.js";

const ANSWERS = ["/start", "1", "1", "3", "7", "yes", "yes", "yes", "yes", "Amina", "Juma"];
const PEOPLE = 60;

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("duplicate and out-of-order deliveries under load", () => {
  let store: OpenedStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  const messagesOf = (person: string, start: number): InboundEnvelope[] =>
    ANSWERS.map((text, i) => ({ channel: "web", channelMessageId: `${person}-${i}`, channelUserId: person, input: { type: "text", text }, sentAt: new Date(start + i * 1000), hints: {} }));

  it("processes each message once, in the order it was sent", async () => {
    const clock = new MovableClock();
    store = await openTestStore(clock);
    const sender = new RecordingSender();
    const app = instance(store, sender, clock, "a");
    const start = clock.now().getTime();

    for (const message of messagesOf("calm", start)) {
      await app.receiver.receive(message);
      await app.worker.idle();
    }
    const expected = sender.textsFor("calm");

    const random = seededRandom(42);
    const people = Array.from({ length: PEOPLE }, (_, i) => `person-${i}`);
    const deliveries = people.flatMap((person) => messagesOf(person, start).flatMap((m) => Array.from({ length: 2 + Math.floor(random() * 2) }, () => m)));
    const outcomes = await Promise.all(shuffle(deliveries, random).map((m) => app.receiver.receive(m)));
    await app.worker.idle();

    expect(outcomes.filter((o) => o === "stored")).toHaveLength(PEOPLE * ANSWERS.length);
    for (const person of people) expect(sender.textsFor(person)).toEqual(expected);

    const late = await Promise.all(shuffle(deliveries, random).slice(0, 100).map((m) => app.receiver.receive(m)));
    await app.worker.idle();
    expect(new Set(late)).toEqual(new Set(["duplicate"]));
    for (const person of people) expect(sender.textsFor(person)).toEqual(expected);
    expect(await store.db.collection("inbox").countDocuments({ status: "received" })).toBe(0);
  });
});
