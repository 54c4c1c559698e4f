import { afterEach, describe, expect, it } from "@jest/globals";
import { parseShortRef, shortRefFromUuid } from "../../src/domain/shortRef.js";
import type { NewCase } from "../../src/ports/caseStore.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS, type TestStoreOptions } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";
import { scriptedIds } from "../helpers/storage/testIds.js";

describe.each(BACKENDS)("CaseStore on $name", (backend) => {
  let store: (OpenedStore & { cleanup(): Promise<void> }) | undefined;
  const clock = new FakeClock();
  const open = async (options: TestStoreOptions = {}) => (store = await backend.openStore({ clock, ...options }));
  afterEach(() => store?.cleanup());

  const newCase = (): NewCase => ({
    subjectId: "subject-1",
    organisation: "org-a",
    conversationId: "conv-1",
    fields: { name_first: "Amal", age: 9, age_estimated: true, protection_status: "separated", date_of_birth: new Date("2016-02-01T00:00:00Z") },
    riskLevel: "medium",
    riskCategories: ["unaccompanied"],
    consents: [{ purpose: "services", given: true, source: "caregiver", recordedAt: clock.now() }],
    createdBy: "system",
  });

  it("creates a case with a UUID, a checked short reference and its first history entry", async () => {
    const { cases } = await open();
    const created = await cases.create(newCase());
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.shortRef).toBe(shortRefFromUuid(created.id));
    expect(parseShortRef(created.shortRef)).toBe(created.shortRef);
    expect(created).toMatchObject({ status: "open", version: 1, fields: newCase().fields, history: [{ from: null, to: "open", by: "system" }] });
    expect(await cases.get(created.id)).toEqual(created);
  });

  it("finds a case by what a person typed", async () => {
    const { cases } = await open();
    const created = await cases.create(newCase());
    const typed = created.shortRef.toLowerCase().replace("-", " ");
    expect((await cases.findByShortRef(typed))?.id).toBe(created.id);
    expect(await cases.findByShortRef("not a ref")).toBeNull();
  });

  it("retries with a new UUID when the short reference (or the UUID) collides", async () => {
    const taken = "6f1c2a4e-0b7d-4c1e-9a53-2d8e4f6a7b90";
    const again = "0a9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";
    const { cases, db } = await open({ ids: scriptedIds([taken, taken, again]) });
    const first = await cases.create(newCase());
    // Another record already holds the reference the third UUID derives to.
    await db.collection("cases").insertOne({ _id: "other", shortRef: shortRefFromUuid(again) });
    const second = await cases.create(newCase());
    expect(first.id).toBe(taken);
    expect([taken, again]).not.toContain(second.id);
    expect(second.shortRef).toBe(shortRefFromUuid(second.id));
    expect(await db.collection("cases").countDocuments({})).toBe(3);
  });

  it("merges fields under optimistic concurrency", async () => {
    const { cases } = await open();
    const created = await cases.create(newCase());
    const updated = await cases.updateFields(created.id, created.version, { location_current: "Camp 4", age: 10 });
    expect(updated.fields).toMatchObject({ name_first: "Amal", location_current: "Camp 4", age: 10 });
    await expect(cases.updateFields(created.id, created.version, { age: 11 })).rejects.toMatchObject({ code: "RECORD_VERSION_CONFLICT" });
    await expect(cases.updateFields("missing", 1, { age: 11 })).rejects.toMatchObject({ code: "RECORD_NOT_FOUND" });
  });

  it("keeps the status history and consent records", async () => {
    const { cases } = await open();
    const created = await cases.create(newCase());
    const closed = await cases.changeStatus(created.id, "closed", "user-7");
    expect(closed.history.map((h) => [h.from, h.to, h.by])).toEqual([[null, "open", "system"], ["open", "closed", "user-7"]]);
    await expect(cases.changeStatus(created.id, "closed", "user-7")).rejects.toMatchObject({ code: "INVALID_STATUS_TRANSITION" });
    const withConsent = await cases.addConsent(created.id, { purpose: "tracing", given: true, source: "child", recordedAt: clock.now() });
    expect(withConsent.consents.map((c) => c.purpose)).toEqual(["services", "tracing"]);
  });

  it("creates with the caller's id idempotently, and reports a short-reference collision", async () => {
    const { cases, db } = await open();
    const id = "3f0c2a9e-7b1d-4c5e-9f00-1a2b3c4d5e6f";
    const first = await cases.create({ ...newCase(), id });
    const replay = await cases.create({ ...newCase(), id, fields: { name_first: "changed" } });
    expect(replay).toMatchObject({ id, shortRef: shortRefFromUuid(id), fields: { name_first: "Amal" } });
    expect(first.shortRef).toBe(replay.shortRef);
    await db.collection("cases").insertOne({ _id: "other", shortRef: shortRefFromUuid("aaaaaaaa-0000-4000-8000-000000000000") });
    await expect(cases.create({ ...newCase(), id: "bbbbbbbb-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "DUPLICATE_RECORD" });
  });
});

