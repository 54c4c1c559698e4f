import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { NewTracingRequest } from "../../src/ports/tracingRequestStore.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { BACKENDS } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

describe.each(BACKENDS)("TracingRequestStore on $name", (backend) => {
  let store: OpenedStore & { cleanup(): Promise<void> };
  const clock = new FakeClock();
  beforeEach(async () => {
    store = await backend.openStore({ clock });
  });
  afterEach(() => store.cleanup());

  const request = (): NewTracingRequest => ({
    subjectId: "subject-2",
    organisation: "org-a",
    conversationId: null,
    fields: { inquirer_name: "Mariam", inquirer_relationship: "mother", location_separation: "Border crossing" },
    soughtChildren: [{ name_first: "Yusuf", name_nickname: "Yoyo", sex: "male", age: 6 }, { name_first: "Lina", age: 4 }],
    consents: [{ purpose: "tracing", given: true, source: "other_adult", recordedAt: clock.now() }],
    createdBy: "system",
  });

  it("creates, reads back and finds by short reference", async () => {
    const created = await store.tracingRequests.create(request());
    expect(created).toMatchObject({ status: "open", version: 1, fields: request().fields, soughtChildren: request().soughtChildren });
    expect(await store.tracingRequests.get(created.id)).toEqual(created);
    expect((await store.tracingRequests.findByShortRef(created.shortRef))?.id).toBe(created.id);
  });

  it("follows the Primero status lifecycle and records each move", async () => {
    const created = await store.tracingRequests.create(request());
    await expect(store.tracingRequests.changeStatus(created.id, "reunified", "user-1")).rejects.toMatchObject({ code: "INVALID_STATUS_TRANSITION" });
    await store.tracingRequests.changeStatus(created.id, "tracing_in_progress", "user-1");
    await store.tracingRequests.changeStatus(created.id, "verified", "user-1");
    const done = await store.tracingRequests.changeStatus(created.id, "reunified", "user-2");
    expect(done.history.map((h) => h.to)).toEqual(["open", "tracing_in_progress", "verified", "reunified"]);
    expect(done.version).toBe(4);
  });

  it("rejects a stale field update", async () => {
    const created = await store.tracingRequests.create(request());
    await store.tracingRequests.updateFields(created.id, 1, { inquirer_phone: "+15550003333" });
    await expect(store.tracingRequests.updateFields(created.id, 1, { inquirer_phone: "x" })).rejects.toMatchObject({ code: "RECORD_VERSION_CONFLICT" });
    expect((await store.tracingRequests.get(created.id))?.fields["inquirer_phone"]).toBe("+15550003333");
  });
});
