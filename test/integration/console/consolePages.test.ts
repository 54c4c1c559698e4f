/**
 * The console pages over the real server (embedded store), without a browser: the queue in pages of
 * 50 with its counts, a 404 page for unknown /console URLs that grants nothing, the transfer picker
 * offering exactly the colleagues the use case accepts, and quick replies sent in the family's
 * language whatever the console's language.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { argon2Passwords } from "../../../src/console/auth/argon2Passwords.js";
import { PlaygroundPerson, startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";

const PASSWORD = "a long enough passphrase";
const ORG = "demo";

interface Page {
  readonly status: number;
  readonly type: string;
  readonly location: string | null;
  /** The one-shot message a POST left for the next page (`kind:code`). */
  readonly flash: string | undefined;
  readonly body: string;
}

let kinlink: TestKinlink;
const ids: Record<string, string> = {};

async function signIn(username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${kinlink.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "", csrf: body.csrfToken };
}

async function open(path: string, options: { cookie?: string; method?: string; form?: Record<string, string>; accept?: string } = {}): Promise<Page> {
  const headers: Record<string, string> = { accept: options.accept ?? "text/html" };
  if (options.cookie) headers["cookie"] = options.cookie;
  if (options.form) headers["content-type"] = "application/x-www-form-urlencoded";
  const response = await fetch(`${kinlink.url}${path}`, { method: options.method ?? (options.form ? "POST" : "GET"), headers, redirect: "manual", ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}) });
  const flash = response.headers.getSetCookie().find((c) => c.startsWith("kl_flash="))?.split(";")[0]?.slice("kl_flash=".length);
  return { status: response.status, type: response.headers.get("content-type") ?? "", location: response.headers.get("location"), flash: flash ? decodeURIComponent(flash) : undefined, body: await response.text() };
}

const rows = (html: string): string[] => [...html.matchAll(/<tr class="[^"]*" data-id="([^"]+)"/g)].map((m) => m[1] ?? "");
const text = (html: string, pattern: RegExp): string => (pattern.exec(html)?.[1] ?? "").replace(/<[^>]+>/g, "").trim();

beforeAll(async () => {
  kinlink = await startTestKinlink();
  const passwordHash = await argon2Passwords.hash(PASSWORD);
  const add = async (username: string, displayName: string, role: string, organisation = ORG, disabled = false) => {
    ids[username] = (await kinlink.store.users.create({ username, displayName, role, organisation, passwordHash, disabled })).id;
  };
  await add("amina", "Amina Diallo", "caseworker");
  await add("karim", "Karim Haddad", "caseworker");
  await add("sofia", "Sofia Martin", "supervisor");
  await add("ada", "Ada Admin", "admin");
  await add("dora", "Dora Gone", "caseworker", ORG, true);
  await add("olga", "Olga Other", "caseworker", "other-ngo");
});

afterAll(async () => {
  await kinlink?.stop();
});

describe("the queue's pages", () => {
  it("shows 50 rows a page with the totals, and keeps the page for the live refresh", async () => {
    for (let i = 0; i < 53; i++) {
      await kinlink.store.escalations.open({ conversationId: `paging-${i}`, caseId: null, subjectId: `subject-${i}`, organisation: ORG, riskLevel: "medium", riskCategories: ["neglect"], reasons: ["rule:intake.child_alone"] });
    }
    const { cookie } = await signIn("amina");
    const first = await open("/console", { cookie });
    expect(rows(first.body)).toHaveLength(50);
    expect(text(first.body, /<p id="queue-count"[^>]*>(.*?)<\/p>/s)).toBe("Waiting for a caseworker: 53. In the queue: 53. Showing 1 to 50 of 53.");
    expect(first.body).toContain('data-live="/console/queue/rows"');
    expect(first.body).toContain('<a href="/console?skip=50" rel="next">');
    expect(first.body).not.toContain('rel="prev"');

    const second = await open("/console?skip=50", { cookie });
    expect(rows(second.body)).toHaveLength(3);
    expect(rows(first.body)).not.toContain(rows(second.body)[0]);
    expect(second.body).toContain('data-live="/console/queue/rows?skip=50"');
    expect(second.body).toContain('<a href="/console" rel="prev">');
    expect(second.body).not.toContain('rel="next"');

    // The live refresh of page 2 is page 2, with its counts and links, and no layout around it.
    const live = await open("/console/queue/rows?skip=50", { cookie });
    expect(rows(live.body)).toEqual(rows(second.body));
    expect(live.body).toContain('<p id="queue-count" data-listed="53">');
    expect(live.body).not.toContain("<html");

    // Past the end (the queue shrank meanwhile): an empty page that leads back.
    const beyond = await open("/console?skip=100", { cookie });
    expect(rows(beyond.body)).toEqual([]);
    expect(beyond.body).toContain("Nothing on this page any more.");
    expect(beyond.body).toContain('rel="prev"');
  });

  it("refuses a malformed page number", async () => {
    const { cookie } = await signIn("amina");
    for (const query of ["skip=-1", "skip=abc", "skip=1.5", "page=2"]) expect([query, (await open(`/console?${query}`, { cookie })).status]).toEqual([query, 400]);
  });
});

describe("an unknown console URL", () => {
  it("is the console's own 404 page, inside the layout for someone signed in", async () => {
    const { cookie } = await signIn("amina");
    for (const path of ["/console/nope", "/console/escalations/abc/nope", "/console/admin/secret/deeper"]) {
      const page = await open(path, { cookie });
      expect([path, page.status, page.type]).toEqual([path, 404, "text/html; charset=utf-8"]);
      expect(text(page.body, /<h1>(.*?)<\/h1>/s)).toBe("Not found");
      expect(page.body).toContain('<nav class="menu"');
      expect(page.body).toContain("Amina Diallo");
    }
  });

  it("is the same page, without the menu, for someone not signed in, and in their language", async () => {
    const page = await open("/console/nope");
    expect([page.status, text(page.body, /<h1>(.*?)<\/h1>/s)]).toEqual([404, "Not found"]);
    expect(page.body).not.toContain('<nav class="menu"');
    const french = await fetch(`${kinlink.url}/console/nope`, { headers: { "accept-language": "fr-FR" } });
    expect(await french.text()).toContain('<html lang="fr"');
  });

  it("answers scripts with JSON and other methods with the same 404, and leaves the API's own 404 alone", async () => {
    const { cookie } = await signIn("amina");
    const json = await open("/console/nope", { cookie, accept: "application/json" });
    expect([json.status, JSON.parse(json.body)]).toEqual([404, { error: "NOT_FOUND" }]);
    // A POST to nowhere does nothing, so it needs no CSRF token: it is simply not found.
    expect((await open("/console/nope", { cookie, form: { anything: "1" } })).status).toBe(404);
    const api = await open("/api/v1/nope", { cookie, accept: "application/json" });
    expect(api.status).toBe(404);
    expect(api.body).not.toContain("<html");
  });
});

describe("transferring a conversation", () => {
  it("offers only active caseworkers and supervisors of the organisation, and the server refuses anyone else", async () => {
    const family = new PlaygroundPerson(kinlink);
    await family.say("/start");
    await family.say("I want to die");
    const { cookie, csrf } = await signIn("amina");
    const [escalation] = await kinlink.store.escalations.listQueue({ organisation: ORG, limit: 1 });
    const id = escalation?.id ?? "";
    expect((await open(`/console/escalations/${id}/claim`, { cookie, form: { _csrf: csrf } })).status).toBe(303);

    const page = await open(`/console/escalations/${id}`, { cookie });
    const select = /<select id="transfer-to" name="to" required>(.*?)<\/select>/s.exec(page.body)?.[1] ?? "";
    const offered = [...select.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
    expect(offered).toEqual(["", ids["karim"], ids["sofia"]]);
    expect(page.body).toContain('<label for="transfer-to">Transfer to</label>');

    for (const who of ["ada", "dora", "olga", "nobody"]) {
      const refused = await open(`/console/escalations/${id}/transfer`, { cookie, form: { _csrf: csrf, to: ids[who] ?? "no-such-user" } });
      expect([who, refused.status, refused.location, refused.flash]).toEqual([who, 303, "/console", "error:error.INVALID_INPUT"]);
      expect((await kinlink.store.escalations.get(id))?.assignee).toBe(ids["amina"]);
    }
    expect((await open(`/console/escalations/${id}/transfer`, { cookie, form: { _csrf: csrf, to: "<script>" } })).flash).toBe("error:error.INVALID_INPUT");

    const moved = await open(`/console/escalations/${id}/transfer`, { cookie, form: { _csrf: csrf, to: ids["karim"] ?? "" } });
    expect([moved.status, moved.location, moved.flash]).toEqual([303, "/console", "ok:transferred"]);
    expect((await kinlink.store.escalations.get(id))?.assignee).toBe(ids["karim"]);
    family.close();
  });
});

describe("quick replies", () => {
  it("are shown and sent in the family's language, with the console's language beside them", async () => {
    const family = new PlaygroundPerson(kinlink);
    await family.say("/start", "sw");
    await family.say("sitaki kuendelea kuishi", "sw");
    const { cookie, csrf } = await signIn("sofia");
    const queued = await kinlink.store.escalations.listQueue({ organisation: ORG, limit: 100 });
    const mine = await Promise.all(queued.map(async (e) => ({ e, conversation: await kinlink.store.conversations.get(e.conversationId) })));
    const id = mine.find((m) => m.conversation?.language === "sw")?.e.id ?? "";
    expect(id).not.toBe("");
    expect((await open(`/console/escalations/${id}/claim`, { cookie, form: { _csrf: csrf } })).status).toBe(303);

    // The console in French: the buttons in Swahili, what they mean in French.
    const page = await open(`/console/escalations/${id}`, { cookie: `${cookie}; kl_lang=fr` });
    const safe = /<button type="submit" name="quick" value="safe"[^>]*>(.*?)<\/button>/s.exec(page.body)?.[1] ?? "";
    expect(safe).toBe('<span lang="sw" dir="auto">Je, uko salama sasa hivi?</span><span class="gloss" lang="fr" dir="auto">Êtes-vous en sécurité en ce moment ?</span>');
    expect(page.body).toContain("Réponses rapides en swahili, envoyées tout de suite");
    // The help contacts are filled in from deployment.yaml.
    expect(page.body).not.toContain("{{emergency}}");

    const sent = await open(`/console/escalations/${id}/reply`, { cookie, form: { _csrf: csrf, quick: "safe" } });
    expect([sent.status, sent.flash]).toEqual([303, "ok:sent"]);
    await kinlink.worker.idle();
    expect(family.received.map((m) => m.text)).toContain("Je, uko salama sasa hivi?");
    // Only known quick replies: not a key of some other message.
    const before = family.received.length;
    expect((await open(`/console/escalations/${id}/reply`, { cookie, form: { _csrf: csrf, quick: "person.joined" } })).flash).toBe("error:error.INVALID_INPUT");
    await kinlink.worker.idle();
    expect(family.received.length).toBe(before);
    family.close();
  });
});
