/**
 * Cases, tracing requests and the audit log through the real server's API, with the organisation
 * boundary: a caseworker of another NGO finds nothing and gets 404 on a record's URL and on an
 * escalation's; admins do not read records; edits are optimistic and audit-logged by field name.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Role } from "../../../src/app/queue/queueService.js";
import { issueApiToken } from "../../../src/console/auth/issueApiToken.js";
import type { CaseRecord } from "../../../src/domain/caseRecord.js";
import { request } from "../../helpers/channels/httpClient.js";
import { startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";

describe("records and the audit log through the API", () => {
  let kinlink: TestKinlink;
  let record: CaseRecord;
  const tokens: Record<string, string> = {};

  const api = (who: string, method: "GET" | "POST" | "PATCH", path: string, body?: unknown) =>
    request(kinlink.url, method, path, {
      headers: { authorization: `Bearer ${tokens[who] ?? ""}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    kinlink = await startTestKinlink();
    const people: [string, Role, string][] = [
      ["amina", "caseworker", "demo"],
      ["sara", "supervisor", "demo"],
      ["root", "admin", "demo"],
      ["olek", "caseworker", "other-ngo"],
    ];
    for (const [username, role, organisation] of people) {
      const user = await kinlink.store.users.create({ username, displayName: username, role, organisation, passwordHash: "", disabled: false });
      tokens[username] = (await issueApiToken({ ...kinlink.store, clock: { now: () => new Date() } }, { user, issuedBy: "system", via: "test" })).token;
    }
    record = await kinlink.store.cases.create({
      subjectId: "subject-1",
      organisation: "demo",
      conversationId: null,
      fields: { name_first: "Amélie", name_last: "Dupont", age: 9 },
      riskLevel: "high",
      riskCategories: ["unaccompanied"],
      consents: [{ purpose: "services", given: true, source: "caregiver", recordedAt: new Date() }],
      createdBy: "bot",
    });
    await kinlink.store.cases.create({ subjectId: "subject-2", organisation: "demo", conversationId: null, fields: { name_first: "Yusuf" }, riskLevel: "low", riskCategories: [], consents: [], createdBy: "bot" });
  });
  afterAll(() => kinlink.stop());

  it("lists and searches one organisation's cases by name (accents ignored) and by short reference", async () => {
    const all = (await api("amina", "GET", "/api/v1/cases")).json() as { items: { id: string; displayName: string }[] };
    expect(all.items.map((i) => i.displayName).sort()).toEqual(["Amélie Dupont", "Yusuf"]);
    const byName = (await api("amina", "GET", "/api/v1/cases?q=amelie")).json() as { items: { id: string }[] };
    expect(byName.items.map((i) => i.id)).toEqual([record.id]);
    const byRef = (await api("amina", "GET", `/api/v1/cases?q=${record.shortRef.toLowerCase()}`)).json() as { items: { id: string }[] };
    expect(byRef.items.map((i) => i.id)).toEqual([record.id]);
    const highOnly = (await api("amina", "GET", "/api/v1/cases?riskLevel=high")).json() as { items: { id: string }[] };
    expect(highOnly.items.map((i) => i.id)).toEqual([record.id]);
  });

  it("hides another organisation's records and escalations: empty lists and 404s", async () => {
    expect(((await api("olek", "GET", "/api/v1/cases")).json() as { items: unknown[] }).items).toEqual([]);
    expect(((await api("olek", "GET", `/api/v1/cases?q=${record.shortRef}`)).json() as { items: unknown[] }).items).toEqual([]);
    expect((await api("olek", "GET", `/api/v1/cases/${record.id}`)).status).toBe(404);
    expect((await api("olek", "PATCH", `/api/v1/cases/${record.id}`, { version: 1, fields: { age: 10 } })).status).toBe(404);
    const escalation = await kinlink.store.escalations.open({ conversationId: "c-x", caseId: null, subjectId: "s", organisation: "demo", riskLevel: "high", riskCategories: ["self_harm"], reasons: ["rule:test"] });
    expect((await api("olek", "GET", `/api/v1/escalations/${escalation.id}`)).status).toBe(404);
    expect((await api("olek", "POST", `/api/v1/escalations/${escalation.id}/claim`)).status).toBe(404);
    expect(((await api("olek", "GET", "/api/v1/escalations")).json() as { items: unknown[] }).items).toEqual([]);
    expect(((await api("amina", "GET", "/api/v1/escalations")).json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(escalation.id);
  });

  it("does not let admins read records (need-to-know)", async () => {
    expect((await api("root", "GET", "/api/v1/cases")).status).toBe(403);
    expect((await api("root", "GET", `/api/v1/cases/${record.id}`)).status).toBe(403);
  });

  it("edits fields under optimistic concurrency and moves the status along its lifecycle", async () => {
    const detail = (await api("amina", "GET", `/api/v1/cases/${record.id}`)).json() as { version: number; nextStatuses: string[]; consents: unknown[] };
    expect(detail.nextStatuses).toEqual(["closed"]);
    expect(detail.consents).toHaveLength(1);
    const edited = await api("amina", "PATCH", `/api/v1/cases/${record.id}`, { version: detail.version, fields: { age: 10, name_nickname: "Mimi", additional_info: "" } });
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ version: detail.version + 1, fields: { age: 10, name_nickname: "Mimi", additional_info: null } });
    const stale = await api("sara", "PATCH", `/api/v1/cases/${record.id}`, { version: detail.version, fields: { age: 11 } });
    expect([stale.status, stale.json()]).toEqual([409, { error: "VERSION_CONFLICT" }]);
    expect((await api("amina", "PATCH", `/api/v1/cases/${record.id}`, { version: detail.version + 1, fields: { not_a_field: 1 } })).status).toBe(400);
    expect((await api("amina", "PATCH", `/api/v1/cases/${record.id}`, { version: detail.version + 1, fields: { sought_children: "x" } })).status).toBe(400);
    const closed = await api("amina", "POST", `/api/v1/cases/${record.id}/status`, { to: "closed" });
    expect(closed.json()).toMatchObject({ status: "closed", nextStatuses: ["open"] });
    expect((await api("amina", "POST", `/api/v1/cases/${record.id}/status`, { to: "closed" })).status).toBe(409);
  });

  it("follows the tracing lifecycle: open -> in progress -> verified, not open -> verified", async () => {
    const request = await kinlink.store.tracingRequests.create({ subjectId: "s-t", organisation: "demo", conversationId: null, fields: { inquirer_name: "Fatima" }, soughtChildren: [{ name_first: "Omar", age: 6 }], consents: [], createdBy: "bot" });
    const skip = await api("amina", "POST", `/api/v1/tracing-requests/${request.id}/status`, { to: "verified" });
    expect([skip.status, skip.json()]).toEqual([409, { error: "INVALID_STATUS_TRANSITION" }]);
    expect((await api("amina", "POST", `/api/v1/tracing-requests/${request.id}/status`, { to: "tracing_in_progress" })).json()).toMatchObject({ status: "tracing_in_progress", nextStatuses: ["open", "verified", "closed"] });
    const found = (await api("amina", "GET", "/api/v1/tracing-requests?q=omar")).json() as { items: { id: string; displayName: string }[] };
    expect(found.items).toEqual([expect.objectContaining({ id: request.id, displayName: "Fatima" })]);
  });

  it("shows supervisors what their own staff did, with field names and never values", async () => {
    const response = await api("sara", "GET", `/api/v1/audit?targetType=case&targetId=${record.id}`);
    expect(response.status).toBe(200);
    const entries = (response.json() as { items: { action: string; username: string | null; details: Record<string, unknown> }[] }).items;
    expect(entries.map((e) => [e.action, e.username])).toEqual(
      expect.arrayContaining([
        ["case.viewed", "amina"],
        ["case.edited", "amina"],
        ["case.status_changed", "amina"],
      ]),
    );
    expect(entries.find((e) => e.action === "case.edited")?.details).toMatchObject({ fields: "additional_info,age,name_nickname" });
    expect(response.text).not.toContain("Mimi");
    expect(entries.some((e) => e.username === "olek")).toBe(false);
    expect((await api("amina", "GET", "/api/v1/audit")).status).toBe(403);
    const byOlek = (await api("sara", "GET", "/api/v1/audit?username=olek")).json() as { items: unknown[] };
    expect(byOlek.items).toEqual([]);
  });

  it("gives admins the deployment settings and their organisation's numbers", async () => {
    expect((await api("root", "GET", "/api/v1/settings")).json()).toMatchObject({ organisationId: "demo", languages: expect.arrayContaining(["en", "ar"]), helpContacts: { emergency: "112" } });
    expect((await api("root", "GET", "/api/v1/organisations")).json()).toEqual({ items: [{ id: "demo", name: "Kinlink Demo", users: { caseworker: 1, supervisor: 1, admin: 1 }, queued: 1 }] });
    expect((await api("amina", "GET", "/api/v1/settings")).status).toBe(403);
  });
});
