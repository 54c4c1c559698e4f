/**
 * What the console's organisation boundary rests on in the stores: one organisation's queue, one
 * organisation's records (filtered and paged, newest first), and audit entries searched by actor.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

describe.each(BACKENDS)("organisation-scoped listings on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  const escalation = (organisation: string, conversationId: string) => {
    clock.advance(1000);
    return store.escalations.open({ conversationId, caseId: null, subjectId: "s", organisation, riskLevel: "high", riskCategories: ["self_harm"], reasons: ["rule:test"] });
  };

  it("lists one organisation's queue, and every organisation's when none is given", async () => {
    const a1 = await escalation("org-a", "c1");
    const b1 = await escalation("org-b", "c2");
    const a2 = await escalation("org-a", "c3");
    expect((await store.escalations.listQueue({ organisation: "org-a", limit: 10 })).map((e) => e.id)).toEqual([a1.id, a2.id]);
    expect((await store.escalations.listQueue({ organisation: "org-b", limit: 10 })).map((e) => e.id)).toEqual([b1.id]);
    expect(await store.escalations.listQueue({ limit: 10 })).toHaveLength(3);
    expect((await store.escalations.get(b1.id))?.organisation).toBe("org-b");
  });

  it("lists one organisation's cases newest first, by status and risk, in pages", async () => {
    const make = (organisation: string, riskLevel: "low" | "high") => {
      clock.advance(1000);
      return store.cases.create({ subjectId: "s", organisation, conversationId: null, fields: { age: 9 }, riskLevel, riskCategories: [], consents: [], createdBy: "bot" });
    };
    const first = await make("org-a", "low");
    const second = await make("org-a", "high");
    await make("org-b", "high");
    const third = await make("org-a", "high");
    await store.cases.changeStatus(third.id, "closed", "user-1");
    expect((await store.cases.list({ organisation: "org-a", limit: 10 })).map((c) => c.id)).toEqual([third.id, second.id, first.id]);
    expect((await store.cases.list({ organisation: "org-a", limit: 10, skip: 1 })).map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await store.cases.list({ organisation: "org-a", status: "open", riskLevel: "high", limit: 10 })).map((c) => c.id)).toEqual([second.id]);
    expect((await store.cases.list({ organisation: "org-c", limit: 10 }))).toEqual([]);
  });

  it("lists one organisation's tracing requests by status", async () => {
    const request = await store.tracingRequests.create({ subjectId: "s", organisation: "org-a", conversationId: null, fields: {}, soughtChildren: [{ age: 4 }], consents: [], createdBy: "bot" });
    await store.tracingRequests.create({ subjectId: "s", organisation: "org-b", conversationId: null, fields: {}, soughtChildren: [], consents: [], createdBy: "bot" });
    expect((await store.tracingRequests.list({ organisation: "org-a", status: "open", limit: 5 })).map((t) => t.id)).toEqual([request.id]);
    expect(await store.tracingRequests.list({ organisation: "org-a", status: "closed", limit: 5 })).toEqual([]);
  });

  it("searches the audit log newest first, by actors, action, target and time", async () => {
    const append = (actor: string, action: string, targetId: string) => {
      clock.advance(1000);
      return store.auditLog.append({ actor, action, targetType: "case", targetId, details: {} });
    };
    const e1 = await append("u1", "case.viewed", "c1");
    const e2 = await append("u2", "case.edited", "c1");
    const e3 = await append("u1", "case.edited", "c2");
    await append("u9", "case.viewed", "c1");
    expect((await store.auditLog.search({ actors: ["u1", "u2"], limit: 10 })).map((e) => e.id)).toEqual([e3.id, e2.id, e1.id]);
    expect((await store.auditLog.search({ actors: ["u1", "u2"], action: "case.edited", limit: 10 })).map((e) => e.id)).toEqual([e3.id, e2.id]);
    expect((await store.auditLog.search({ targetType: "case", targetId: "c1", actors: ["u1", "u2"], limit: 10 })).map((e) => e.id)).toEqual([e2.id, e1.id]);
    expect((await store.auditLog.search({ actors: ["u1", "u2"], before: e3.at, limit: 1 })).map((e) => e.id)).toEqual([e2.id]);
  });
});
