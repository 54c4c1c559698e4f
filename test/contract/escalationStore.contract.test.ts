import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { RiskCategory, RiskLevel } from "../../src/domain/risk.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

describe.each(BACKENDS)("EscalationStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  const open = (riskLevel: RiskLevel, riskCategories: RiskCategory[] = [], conversationId = "conv") => {
    clock.advance(1000);
    return store.escalations.open({ conversationId, caseId: null, subjectId: "s", organisation: "org-a", riskLevel, riskCategories, reasons: ["rule:test"] });
  };

  it("opens pending with a priority and an SLA from the risk level", async () => {
    const high = await open("high", ["self_harm"]);
    const low = await open("low");
    expect(high).toMatchObject({ status: "pending", assignee: null, history: [{ from: null, to: "pending", by: "system" }] });
    expect(high.priority).toBeGreaterThan(low.priority);
    expect(high.slaDueAt.getTime() - high.createdAt.getTime()).toBe(60 * 60_000);
    expect(low.slaDueAt.getTime() - low.createdAt.getTime()).toBe(180 * 60_000);
  });

  it("lets exactly one of 50 concurrent claimers win", async () => {
    const escalation = await open("high");
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.escalations.claim(escalation.id, `worker-${i}`)));
    const winners = outcomes.filter((o) => o.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(losers.every((o) => (o.reason as { code?: string }).code === "ESCALATION_ALREADY_CLAIMED")).toBe(true);
    const stored = await store.escalations.get(escalation.id);
    expect(stored?.history.filter((h) => h.to === "claimed")).toHaveLength(1);
    expect(stored?.assignee).toBe(winners[0]?.status === "fulfilled" ? winners[0].value.assignee : "none");
  });

  it("hands out each escalation once to 50 concurrent claimNext calls", async () => {
    for (let i = 0; i < 10; i++) await open(i % 2 === 0 ? "high" : "medium");
    const taken = await Promise.all(Array.from({ length: 50 }, (_, i) => store.escalations.claimNext(`worker-${i}`)));
    const ids = taken.filter((e) => e !== null).map((e) => e?.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(await store.escalations.countQueue()).toBe(0);
  });

  it("sorts the queue by priority, then age, and pages through it", async () => {
    const lowOld = await open("low");
    const highNew = await open("high");
    const mediumOld = await open("medium");
    const highOld = await open("high", ["immediate_danger"]);
    const highNewest = await open("high");
    const mediumNew = await open("medium");
    const order = [highOld, highNew, highNewest, mediumOld, mediumNew, lowOld].map((e) => e.id);
    const page1 = await store.escalations.listQueue({ limit: 4 });
    const page2 = await store.escalations.listQueue({ skip: 4, limit: 4 });
    expect([...page1, ...page2].map((e) => e.id)).toEqual(order);
    expect(page2).toHaveLength(2);
    await store.escalations.claim(highOld.id, "w");
    expect((await store.escalations.listQueue({ limit: 1 }))[0]?.id).toBe(highNew.id);
    expect(await store.escalations.countQueue()).toBe(5);
    expect(await store.escalations.countQueue(["claimed"])).toBe(1);
  });

  it("only the assignee releases or resolves; a released escalation can be claimed again", async () => {
    const escalation = await open("medium");
    await store.escalations.claim(escalation.id, "alice");
    await expect(store.escalations.resolve(escalation.id, "bob")).rejects.toMatchObject({ code: "INVALID_STATUS_TRANSITION" });
    const released = await store.escalations.release(escalation.id, "alice");
    expect(released).toMatchObject({ status: "released", assignee: null });
    await store.escalations.claim(escalation.id, "bob");
    const resolved = await store.escalations.resolve(escalation.id, "bob");
    expect(resolved.history.map((h) => `${h.from}->${h.to}:${h.by}`)).toEqual([
      "null->pending:system",
      "pending->claimed:alice",
      "claimed->released:alice",
      "released->claimed:bob",
      "claimed->resolved:bob",
    ]);
    await expect(store.escalations.claim(escalation.id, "carol")).rejects.toMatchObject({ code: "ESCALATION_ALREADY_CLAIMED" });
    await expect(store.escalations.claim("missing", "carol")).rejects.toMatchObject({ code: "RECORD_NOT_FOUND" });
  });

  it("expires an unclaimed escalation but not a claimed one", async () => {
    const a = await open("low");
    const b = await open("low");
    await store.escalations.claim(b.id, "w");
    expect((await store.escalations.expire(a.id)).status).toBe("expired");
    await expect(store.escalations.expire(b.id)).rejects.toMatchObject({ code: "INVALID_STATUS_TRANSITION" });
  });

  it("raises into the conversation's active escalation: highest level, all reasons, tighter SLA", async () => {
    const raise = (riskLevel: RiskLevel, riskCategories: RiskCategory[], reasons: string[]) =>
      store.escalations.raise({ conversationId: "c-raise", caseId: null, subjectId: "s", organisation: "org-a", riskLevel, riskCategories, reasons });
    const first = await raise("medium", ["unaccompanied"], ["rule:intake.child_alone"]);
    expect(first.slaDueAt.getTime() - first.createdAt.getTime()).toBe(180 * 60_000);
    const again = await raise("medium", ["unaccompanied"], ["rule:intake.child_alone"]);
    expect(again.version).toBe(first.version); // a replayed turn changes nothing
    const raised = await raise("high", ["self_harm"], ["lexicon:self_harm"]);
    expect(raised).toMatchObject({ id: first.id, riskLevel: "high", riskCategories: ["unaccompanied", "self_harm"], reasons: ["rule:intake.child_alone", "lexicon:self_harm"] });
    expect(raised.slaDueAt.getTime() - raised.createdAt.getTime()).toBe(60 * 60_000);
    expect(raised.priority).toBeGreaterThan(first.priority);
    expect((await store.escalations.activeFor("c-raise"))?.id).toBe(first.id);
    expect(await store.escalations.countHeldBy("cw")).toBe(0);
    const resolvedFirst = await store.escalations.claim(first.id, "cw");
    expect(await store.escalations.countHeldBy("cw")).toBe(1);
    await store.escalations.resolve(resolvedFirst.id, "cw");
    const next = await raise("low", [], ["handoff:user_request"]);
    expect(next.id).not.toBe(first.id);
  });

  it("lists each SLA breach until it is alerted, once", async () => {
    const late = await open("high", ["immediate_danger"], "c-late");
    await open("medium", [], "c-fine");
    clock.advance(61 * 60_000);
    expect((await store.escalations.listSlaBreaches(clock.now(), 10)).map((e) => e.id)).toEqual([late.id]);
    const alerts = await Promise.all([1, 2, 3].map(() => store.escalations.markSlaAlerted(late.id, clock.now())));
    expect(alerts.filter(Boolean)).toHaveLength(1);
    expect(await store.escalations.listSlaBreaches(clock.now(), 10)).toEqual([]);
  });
});

