/**
 * The browser playground through the real server: HTTP in, the inbox, the engine, the outbox, the
 * web channel out — the same inbound path as every channel.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { PlaygroundPerson, startTestKinlink, type TestKinlink } from "../helpers/kinlink.js";

const INTAKE = ["1", "1", "3", "7", "yes", "yes", "yes", "yes", "Amina", "skip", "skip", "1", "Goma", "3", "no", "3 days ago", "1", "market", "Bukavu", "skip", "yes", "1", "1", "skip"];

describe("the browser playground", () => {
  let kinlink: TestKinlink | undefined;
  afterEach(async () => {
    await kinlink?.stop();
    kinlink = undefined;
  });

  it("serves the page with a strict content security policy", async () => {
    kinlink = await startTestKinlink();
    const page = await fetch(`${kinlink.url}/playground`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/playground/app.js" defer></script>');
    const info = (await (await fetch(`${kinlink.url}/playground/api/info`)).json()) as { languages: unknown[] };
    expect(info.languages).toContainEqual({ code: "en", name: "English", direction: "ltr" });
  });

  it("runs a whole intake: language menu, flow menu, questions, a risk flag, the stored case", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    const first = await person.say("/start");
    expect(first[0]?.text).toBe("Which language do you want?");
    expect((await person.say(INTAKE[0] ?? ""))[0]?.text).toBe("How can I help you?");
    for (const answer of INTAKE.slice(1)) await person.say(answer);
    const done = person.last();
    expect(done?.text).toMatch(/^Thank you\. Your answers are saved\. Your reference is [0-9A-Z]{4}-[0-9A-Z]{4}\./);
    const ref = /reference is ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(done?.text ?? "")?.[1] ?? "";
    const stored = await kinlink.store.cases.findByShortRef(ref);
    expect(stored).toMatchObject({ shortRef: ref, riskLevel: "high", fields: { name_first: "Amina", age: 7, protection_status: "unaccompanied" } });
    expect(stored?.riskCategories).toEqual(expect.arrayContaining(["unaccompanied", "neglect"]));
    expect(stored?.consents.map((c) => c.purpose)).toEqual(expect.arrayContaining(["services", "disclosure_other_orgs", "reporting", "tracing"]));
    const [queued, ...others] = await kinlink.store.escalations.listQueue({ limit: 10 });
    expect(others).toEqual([]);
    expect(queued).toMatchObject({ status: "pending", riskLevel: "high", caseId: stored?.id });
    expect(queued?.reasons).toEqual(["rule:intake.child_alone", "rule:intake.no_safe_shelter", "record:case"]);
    person.close();
  });

  it("streams replies over Server-Sent Events, resuming after the last id seen", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    await person.say("/start");
    await person.say("1");
    const response = await fetch(`${kinlink.url}/playground/api/stream?session=${person.session}&after=1`);
    const reader = response.body?.getReader();
    let text = "";
    while (reader && !text.includes("How can I help you?")) text += new TextDecoder().decode((await reader.read()).value);
    await reader?.cancel();
    expect(text).not.toContain("Which language do you want?");
    expect(text).toMatch(/id: 2\ndata: \{"text":"How can I help you\?"/);
    person.close();
  });

  it("ends open streams when the server stops, so a tab left open cannot hold up a stop or a restart", async () => {
    const started = await startTestKinlink();
    const tab = new AbortController();
    const response = await fetch(`${started.url}/playground/api/stream?session=left-open-tab-0001`, { signal: tab.signal });
    expect(response.status).toBe(200);
    const body = response.text();
    const stopping = started.stop();
    const outcome = await Promise.race([stopping.then(() => "stopped"), new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000))]);
    // Close the tab either way, so a failure here ends this test instead of hanging the run.
    tab.abort();
    await stopping;
    expect(outcome).toBe("stopped");
    await expect(body).resolves.toContain(": connected");
  });

  it("drops a redelivered message and rejects malformed ones without storing anything", async () => {
    kinlink = await startTestKinlink();
    const body = (id: string, input: unknown) => JSON.stringify({ session: "sessionabc123", id, input });
    const post = (payload: string) => fetch(`${kinlink?.url}/playground/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
    expect(await (await post(body("message0001", { type: "text", text: "/start" }))).json()).toEqual({ status: "stored" });
    expect(await (await post(body("message0001", { type: "text", text: "/start" }))).json()).toEqual({ status: "duplicate" });
    expect((await post(body("message0002", { type: "text", text: "x".repeat(5000) }))).status).toBe(400);
    expect((await post(body("bad id!", { type: "text", text: "hi" }))).status).toBe(400);
    expect((await post("{not json")).status).toBe(400);
    await kinlink.worker.idle();
    expect(await kinlink.store.db.collection("inbox").countDocuments({})).toBe(1);
  });

  it("runs a whole intake in Arabic, right to left, with Arabic-Indic digits", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    const menu = await person.say("/start", "ar");
    expect(menu[0]).toMatchObject({ text: "ما اللغة المفضلة لديك؟", lang: "ar", direction: "rtl" });
    expect(menu[0]?.choices[0]).toEqual({ id: "ar", label: "العربية" }); // the hint comes first, as a suggestion
    const answers = ["١", "١", "١", "٩", "نعم", "نعم", "نعم", "لا", "مريم", "الحسن", "تخطي", "بنت", "مخيم الزعتري", "٣", "لا", "منذ ثلاثة أيام", "٣", "على الحدود", "لا أعرف", "٠٧٩١٢٣٤٥٦٧", "نعم", "١، ٢", "١", "أريد أن أرى أمي."];
    for (const answer of answers) await person.say(answer, "ar");
    const done = person.last();
    expect(done).toMatchObject({ lang: "ar", direction: "rtl" });
    expect(done?.text).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    const ref = /([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(done?.text ?? "")?.[1] ?? "";
    expect(await kinlink.store.cases.findByShortRef(ref)).toMatchObject({ fields: { age: 9, name_first: "مريم", language: "ar", family_phone: "0791234567" } });
    person.close();
  });

  it("answers a disclosure typed at any question with help contacts first, then offers a person, and queues it at the top", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    for (const answer of ["/start", "1", "1", "1"]) await person.say(answer); // a child, at "How old are you?"
    const replies = await person.say("he beats me every night and i dont want to live anymore");
    expect(replies[0]).toMatchObject({ urgent: true });
    expect(replies[0]?.text).toContain("116 111");
    expect(replies[1]?.text).toBe("What would you like to do now?");
    const [top] = await kinlink.store.escalations.listQueue({ limit: 5 });
    expect(top).toMatchObject({ riskLevel: "high", status: "pending" });
    expect(top?.riskCategories).toEqual(expect.arrayContaining(["self_harm", "physical_violence"]));
    expect(top?.reasons.every((r) => r.startsWith("text:") || r.startsWith("rule:") || r.startsWith("handoff:"))).toBe(true);
    expect(top?.reasons).toEqual(expect.arrayContaining(["text:en:self_harm.wish_to_die"]));
    expect(JSON.stringify(top)).not.toContain("every night"); // rule ids, never the person's words
    const next = await person.say("2"); // talk to a person
    expect(next.map((r) => r.text)).toContain("How old are you? A guess is fine.");
    expect((await kinlink.store.escalations.listQueue({ limit: 5 }))[0]?.reasons).toContain("handoff:user_request");
    const conversation = await kinlink.store.conversations.findByChannelUser("web", person.session);
    expect(conversation?.state).toMatchObject({ record: { reporter_type: "child" } });
    expect(JSON.stringify(conversation?.state)).not.toContain("beats me"); // not saved as an answer
    person.close();
  });

  it("answers a voice note, a video or a file kindly instead of staying silent", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    for (const answer of ["/start", "1", "1", "1"]) await person.say(answer);
    const replies = await person.say({ type: "media", kind: "audio" });
    expect(replies.map((r) => r.text)).toEqual(["I can't listen to voice messages or open videos, files or stickers. Please write your answer in words.", "How old are you? A guess is fine."]);
    person.close();
  });

  it("answers 503, acknowledging nothing, when the store cannot take a message", async () => {
    kinlink = await startTestKinlink();
    const person = new PlaygroundPerson(kinlink);
    await kinlink.store.close(); // the store fails every write from now on, as on a full disk
    expect((await person.send("/start")).status).toBe(503);
    person.close();
  });
});

