/**
 * Cases, tracing requests and the admin pages in a real browser: search and open a record (fields
 * grouped and labelled, consents, history, audit trail), an edit made meanwhile by someone else is
 * refused with a clear message instead of overwriting it, the tracing status control offers only
 * the allowed next statuses, and an admin creates a user who can then sign in.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Browser } from "playwright-core";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { TracingRequest } from "../../src/domain/tracingRequest.js";
import { chromiumAvailable, HOME_ORG, launchChromium, signIn, startConsole, type TestConsole } from "../helpers/browser.js";

const describeBrowser = chromiumAvailable() ? describe : describe.skip;
// A browser and a server per file; generous for a loaded CI machine (no assertion depends on time).
jest.setTimeout(60_000);

describeBrowser("records and administration", () => {
  let browser: Browser;
  let server: TestConsole;
  let child: CaseRecord;
  let tracing: TracingRequest;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startConsole()]);
    const { cases, tracingRequests } = server.kinlink.store;
    const consents = [{ purpose: "services" as const, given: true, source: "child" as const, recordedAt: new Date("2026-11-20T10:00:00Z") }];
    child = await cases.create({ subjectId: "s-1", organisation: HOME_ORG, conversationId: null, riskLevel: "high", riskCategories: ["unaccompanied"], consents, createdBy: "system",
      fields: { reporter_type: "child", name_first: "Amani", name_last: "Kabila", age: 9, protection_status: "separated", feels_safe_now: false, x_shelter_block: "B4" } });
    await cases.create({ subjectId: "s-2", organisation: HOME_ORG, conversationId: null, riskLevel: "low", riskCategories: [], consents, createdBy: "system", fields: { name_first: "Noura", age: 12 } });
    await cases.create({ subjectId: "s-3", organisation: "other-ngo", conversationId: null, riskLevel: "low", riskCategories: [], consents, createdBy: "system", fields: { name_first: "Amanda", age: 7 } });
    tracing = await tracingRequests.create({ subjectId: "s-4", organisation: HOME_ORG, conversationId: null, consents, createdBy: "system", fields: { inquirer_name: "Fatima Yusuf", inquirer_relationship: "mother" }, soughtChildren: [{ name_first: "Idris", age: 6 }] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("searches cases of the organisation only and opens one, with fields grouped and labelled", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.caseworker);
    await page.goto(`${server.url}/console/cases`);
    await page.fill("#q", "aman");
    await Promise.all([page.waitForURL(/q=aman/), page.click("form.filters button")]);
    expect(await page.locator("table.records tbody tr").count()).toBe(1);
    await expect(page.locator("table.records tbody").textContent()).resolves.toContain("Amani Kabila");
    await Promise.all([page.waitForURL(`${server.url}/console/cases/${child.id}`), page.click(`text=${child.shortRef}`)]);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Case ${child.shortRef}`);
    await expect(page.locator("section.fields h2").allTextContents()).resolves.toEqual(["Who is writing", "The child", "Where the child is now", "Other"]);
    await expect(page.locator("dt[title=name_first]").textContent()).resolves.toBe("First name");
    await expect(page.locator("dt[title=x_shelter_block]").textContent()).resolves.toBe("Shelter block");
    await expect(page.locator("#consents-title + table").textContent()).resolves.toContain("Services");
    // The view itself is in the audit trail.
    await page.reload();
    await expect(page.locator("#audit-title + table").textContent()).resolves.toContain("case.viewed");
    await context.close();
  });

  it("refuses an edit when someone else changed the record meanwhile, and saves a fresh one", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.caseworker);
    await page.goto(`${server.url}/console/cases/${child.id}`);
    // Someone else saves first, while this form is open.
    await server.kinlink.store.cases.updateFields(child.id, child.version, { age: 10 });
    await page.fill("#f-name_nickname, #f-name_first", "Amany");
    await Promise.all([page.waitForURL(`${server.url}/console/cases/${child.id}`), page.click("text=Save changes")]);
    await expect(page.locator(".flash.error").textContent()).resolves.toContain("Someone else changed this record");
    await expect(page.inputValue("#f-age")).resolves.toBe("10");
    await page.fill("#f-name_first", "Amany");
    await Promise.all([page.waitForURL(`${server.url}/console/cases/${child.id}`), page.click("text=Save changes")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toBe("Saved.");
    await expect(page.inputValue("#f-name_first")).resolves.toBe("Amany");
    await context.close();
  });

  it("offers only the allowed next statuses of a tracing request", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.supervisor);
    await page.goto(`${server.url}/console/tracing/${tracing.id}`);
    await expect(page.locator("#to option").allTextContents()).resolves.toEqual(["Tracing in progress", "Closed"]);
    await page.selectOption("#to", "tracing_in_progress");
    await Promise.all([page.waitForURL(`${server.url}/console/tracing/${tracing.id}`), page.click("text=Change status")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toBe("Status changed.");
    expect((await page.locator("#to option").allTextContents()).sort()).toEqual(["Closed", "Open", "Verified"]);
    await expect(page.locator("#history-title + table").textContent()).resolves.toContain("Tracing in progress");
    await expect(page.locator("section.fields").first().textContent()).resolves.toContain("Fatima Yusuf");
    await context.close();
  });

  it("gives 404 for another organisation's case", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.outsider);
    expect((await page.goto(`${server.url}/console/cases/${child.id}`))?.status()).toBe(404);
    await context.close();
  });

  it("lets an admin create a user who can then sign in, and shows it in the audit log", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.admin);
    await page.goto(`${server.url}/console/admin`);
    await page.fill("#new-username", "lina");
    await page.fill("#new-name", "Lina Saleh");
    await page.selectOption("#new-role", "caseworker");
    await page.fill("#new-password", "a long enough passphrase");
    await Promise.all([page.waitForURL(`${server.url}/console/admin`), page.click("text=Add user")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toBe("User added.");
    await expect(page.locator("table.users").textContent()).resolves.toContain("Lina Saleh");
    await page.goto(`${server.url}/console/admin/audit?actor=admin`);
    await expect(page.locator("table.audit").textContent()).resolves.toContain("user.created");
    const lina = await signIn(browser, server.url, { id: "", username: "lina", password: "a long enough passphrase", role: "caseworker", organisation: HOME_ORG });
    await expect(lina.page.locator("h1").textContent()).resolves.toBe("Queue");
    await lina.context.close();
    await context.close();
  });
});
