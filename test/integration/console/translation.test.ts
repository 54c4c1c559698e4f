/**
 * Translation for caseworkers over the real server and LangChain's real OpenAI client, against a
 * fake model server: only the family's and the bot's lines go to the model (not the caseworker's,
 * not markers), each comes back beside its original, the request is audit-logged, and a model that
 * fails or miscounts — or a deployment without one — answers 503 TRANSLATION_UNAVAILABLE.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Actor } from "../../../src/app/queue/queueService.js";
import { argon2Passwords } from "../../../src/console/auth/argon2Passwords.js";
import { issueApiToken } from "../../../src/console/auth/issueApiToken.js";
import { request } from "../../helpers/channels/httpClient.js";
import { FakeLlmServer } from "../../helpers/fakeLlmServer.js";
import { PlaygroundPerson, startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";

const PASSWORD = "a long enough passphrase";

describe("translating a conversation for a caseworker", () => {
  let llm: FakeLlmServer;
  let kinlink: TestKinlink;
  let token = "";
  let escalationId = "";

  const translate = (to: string, on: TestKinlink = kinlink, bearer = token) =>
    request(on.url, "POST", `/api/v1/escalations/${escalationId}/translate`, { headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify({ to }) });

  beforeAll(async () => {
    llm = await FakeLlmServer.start();
    kinlink = await startTestKinlink({ KINLINK_LLM: "openai:gpt-4o-mini", KINLINK_LLM_URL: llm.openAiBaseUrl, KINLINK_LLM_KEY: "test-key" });
    const user = await kinlink.store.users.create({ username: "amina", displayName: "Amina", role: "caseworker", organisation: "demo", passwordHash: await argon2Passwords.hash(PASSWORD), disabled: false });
    token = (await issueApiToken({ ...kinlink.store, clock: { now: () => new Date() } }, { user, issuedBy: "system", via: "test" })).token;
    const family = new PlaygroundPerson(kinlink);
    for (const answer of ["/start", "1", "1", "1"]) await family.say(answer);
    await family.say("i want to die");
    const actor: Actor = { userId: user.id, role: "caseworker", organisation: "demo" };
    const [top] = await kinlink.queue.list(actor, { limit: 1 });
    escalationId = top?.id ?? "";
    await kinlink.queue.claim(actor, escalationId);
    await kinlink.queue.reply(actor, escalationId, "I am here with you.");
    await kinlink.worker.idle();
    family.close();
  });
  afterAll(async () => {
    await kinlink.stop();
    await llm.close();
  });

  it("translates the family's and the bot's lines, not the caseworker's or markers, and logs that it did", async () => {
    const transcript = (await kinlink.store.transcripts.list((await kinlink.store.escalations.get(escalationId))?.conversationId ?? "", 200)).map((t) => ({ from: t.from, text: t.text }));
    const sent = transcript.filter((t) => t.from !== "caseworker" && !/^\[[^\]]*\]$/.test(t.text));
    expect(sent.length).toBeGreaterThan(2);
    llm.reset();
    llm.script({ kind: "json", value: { translations: sent.map((_, i) => `fr-${i}`) } });
    const response = await translate("fr");
    expect(response.status).toBe(200);
    const { to, lines } = response.json() as { to: string; lines: { from: string; text: string; translation: string | null }[] };
    expect(to).toBe("fr");
    expect(lines.filter((l) => l.translation !== null).map((l) => l.text)).toEqual(sent.map((t) => t.text));
    expect(lines.find((l) => l.text === "i want to die")?.translation).toMatch(/^fr-\d+$/);
    expect(lines.find((l) => l.from === "caseworker")).toMatchObject({ text: "I am here with you.", translation: null });

    const [call] = llm.requests;
    expect(llm.requests).toHaveLength(1);
    expect(call?.raw).toContain("i want to die");
    expect(call?.raw).not.toContain("I am here with you.");
    expect(call?.raw).toContain('\\"fr\\"');
    const trail = await kinlink.store.auditLog.listForTarget("escalation", escalationId, 50);
    expect(trail.find((e) => e.action === "escalation.translated")?.details).toMatchObject({ to: "fr", lines: sent.length });
  });

  it("shows the translation under each original line on the conversation page, on request only", async () => {
    const login = await fetch(`${kinlink.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "amina", password: PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    const page = async (query: string) => (await fetch(`${kinlink.url}/console/escalations/${escalationId}${query}`, { headers: { cookie, accept: "text/html" } })).text();
    llm.reset();
    const plain = await page("");
    expect(plain).toContain(`href="/console/escalations/${escalationId}?translate=1"`);
    expect(plain).not.toContain('class="translation"');
    expect(llm.requests).toHaveLength(0); // nothing leaves the deployment unless asked

    const conversation = (await kinlink.store.escalations.get(escalationId))?.conversationId ?? "";
    const count = (await kinlink.store.transcripts.list(conversation, 200)).filter((t) => t.from !== "caseworker" && !/^\[[^\]]*\]$/.test(t.text)).length;
    llm.script({ kind: "json", value: { translations: Array.from({ length: count }, (_, i) => (i === count - 1 ? "je veux <b>mourir</b>" : `ligne ${i}`)) } });
    const translated = await page("?translate=1");
    expect(translated).toContain('<p class="translation" lang="en" dir="auto"><span class="muted">Translation:</span> je veux &lt;b&gt;mourir&lt;/b&gt;</p>');
    expect(translated.indexOf("i want to die")).toBeLessThan(translated.indexOf("je veux &lt;b&gt;mourir"));

    llm.script({ kind: "status", status: 500 });
    expect(await page("?translate=1")).toContain("The translation did not work this time.");
  });

  it("answers 503 when the model fails or returns the wrong number of lines, and never echoes the text", async () => {
    llm.script({ kind: "status", status: 500 });
    const failed = await translate("fr");
    expect([failed.status, failed.json()]).toEqual([503, { error: "TRANSLATION_UNAVAILABLE" }]);
    llm.script({ kind: "json", value: { translations: ["only one"] } });
    const miscounted = await translate("fr");
    expect([miscounted.status, miscounted.text]).toEqual([503, '{"error":"TRANSLATION_UNAVAILABLE"}']);
  });

  it("refuses a language code that is not one", async () => {
    expect((await translate("french; drop table")).status).toBe(400);
  });

  it("answers 503 on a deployment without a language model", async () => {
    const plain = await startTestKinlink();
    try {
      const user = await plain.store.users.create({ username: "bilal", displayName: "Bilal", role: "caseworker", organisation: "demo", passwordHash: "", disabled: false });
      const bearer = (await issueApiToken({ ...plain.store, clock: { now: () => new Date() } }, { user, issuedBy: "system", via: "test" })).token;
      const escalation = await plain.store.escalations.open({ conversationId: "c-1", caseId: null, subjectId: "s", organisation: "demo", riskLevel: "high", riskCategories: [], reasons: ["rule:test"] });
      escalationId = escalation.id;
      const response = await translate("en", plain, bearer);
      expect([response.status, response.json()]).toEqual([503, { error: "TRANSLATION_UNAVAILABLE" }]);
    } finally {
      await plain.stop();
    }
  });
});
