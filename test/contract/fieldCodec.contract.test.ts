/**
 * Every identifying value reaches the database only through the field codec (so that a later issue
 * can encrypt it under the person's key and shred it), and comes back decoded. A test codec wraps
 * values in base64; the raw documents must then hold none of the plaintext.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { EJSON } from "bson";
import type { FieldCodec } from "../../src/storage/fieldCodec.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { COLLECTIONS } from "../../src/storage/repositories/collectionNames.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

const wrappingCodec: FieldCodec = {
  encode: (subjectId, value) => Promise.resolve({ s: subjectId, v: Buffer.from(EJSON.stringify({ value })).toString("base64") }),
  decode: (subjectId, stored) => {
    if (typeof stored !== "object" || stored === null || !("v" in stored) || !("s" in stored) || stored.s !== subjectId) {
      throw new Error("not encoded for this subject");
    }
    const parsed: unknown = EJSON.parse(Buffer.from(String(stored.v), "base64").toString("utf8"));
    return Promise.resolve(typeof parsed === "object" && parsed !== null && "value" in parsed ? parsed.value : undefined);
  },
};

const SECRETS = ["+15550009999", "Zainab", "Khoury", "Tent 12 Camp North", "I am scared", "secret-state-answer", "Case Worker Name", "2017-04-05"];

describe.each(BACKENDS)("field codec on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  const clock = new FakeClock();
  beforeAll(async () => {
    store = await backend.openStore({ clock, codec: wrappingCodec });
  });
  afterAll(() => store.cleanup());

  it("stores no identifying value in plaintext, and reads every one back", async () => {
    const conversation = await store.conversations.findOrCreate({ channel: "whatsapp", channelUserId: "+15550009999", expiresAt: new Date(clock.now().getTime() + 1e9) });
    const saved = await store.conversations.save(conversation, { state: { answer: "secret-state-answer" } }, [{ id: "o1", sequence: 1000, content: { text: "I am scared" } }]);
    await store.inbox.record({ channel: "whatsapp", channelMessageId: "w1", channelUserId: "+15550009999", conversationId: saved.id, subjectId: saved.subjectId, payload: { text: "I am scared" }, sentAt: clock.now(), receivedAt: clock.now() });
    await store.outbox.enqueue([{ id: "o1", channel: "whatsapp", channelUserId: "+15550009999", conversationId: saved.id, subjectId: saved.subjectId, content: { text: "I am scared" }, createdAt: clock.now() }]);
    const fields = { name_first: "Zainab", name_last: "Khoury", location_current: "Tent 12 Camp North", date_of_birth: new Date("2017-04-05T00:00:00Z"), x_note: "I am scared", age: 7 };
    const created = await store.cases.create({ subjectId: saved.subjectId, organisation: "org-a", conversationId: saved.id, fields, riskLevel: "low", riskCategories: [], consents: [], createdBy: "system" });
    const tracing = await store.tracingRequests.create({ subjectId: saved.subjectId, organisation: "org-a", conversationId: null, fields: { inquirer_phone: "+15550009999" }, soughtChildren: [{ name_first: "Zainab" }], consents: [], createdBy: "system" });
    const user = await store.users.create({ username: "cw1", displayName: "Case Worker Name", role: "caseworker", organisation: "o", passwordHash: "h", disabled: false });

    for (const name of Object.values(COLLECTIONS)) {
      const raw = EJSON.stringify(await store.db.collection(name).find({}).toArray());
      for (const secret of SECRETS) expect({ name, leaked: raw.includes(secret) ? secret : null }).toEqual({ name, leaked: null });
    }
    expect((await store.conversations.get(saved.id))?.state).toEqual({ answer: "secret-state-answer" });
    expect((await store.conversations.get(saved.id))?.channelUserId).toBe("+15550009999");
    expect((await store.conversations.listWithPendingOutbound(5))[0]?.outbound[0]?.content).toEqual({ text: "I am scared" });
    expect((await store.inbox.listUnprocessed(5))[0]?.payload).toEqual({ text: "I am scared" });
    expect((await store.outbox.get("o1"))?.content).toEqual({ text: "I am scared" });
    expect((await store.cases.get(created.id))?.fields).toEqual(fields);
    expect((await store.tracingRequests.get(tracing.id))?.soughtChildren).toEqual([{ name_first: "Zainab" }]);
    expect((await store.users.get(user.id))?.displayName).toBe("Case Worker Name");
  });

  it("leaves non-identifying fields queryable in plaintext", async () => {
    const raw = await store.db.collection(COLLECTIONS.cases).findOne({});
    expect(raw).toMatchObject({ fields: { age: 7 }, riskLevel: "low", status: "open" });
  });
});
