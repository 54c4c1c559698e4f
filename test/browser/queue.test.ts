/**
 * The "done when", in a real browser: a family types a disclosure in the playground (one
 * tab); it appears at the top of a caseworker's queue without a reload (another tab); the caseworker
 * claims it, replies, and the reply reaches the family's chat (and, for a family on Telegram, the
 * fake Bot API). A second caseworker sees it taken and cannot claim it; a caseworker of another
 * organisation gets "not found" for its page and its API.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { CHAT_ID, tgText } from "../helpers/channels/telegramUpdates.js";
import { FAKE_BOT_TOKEN, FakeTelegramApi } from "../helpers/fakeTelegramApi.js";
import { chromiumAvailable, launchChromium, signIn, startConsole, watchErrors, type TestConsole } from "../helpers/browser.js";

const TELEGRAM_SECRET = "browser-test-telegram-secret";
const describeBrowser = chromiumAvailable() ? describe : describe.skip;
// A browser and a server per file; generous for a loaded CI machine (no assertion depends on time).
jest.setTimeout(60_000);

describeBrowser("the queue and a conversation, across two tabs", () => {
  let browser: Browser;
  let server: TestConsole;
  let escalationId = "";
  let family: Page;
  let telegram: FakeTelegramApi;
  beforeAll(async () => {
    telegram = await FakeTelegramApi.start();
    [browser, server] = await Promise.all([
      launchChromium(),
      startConsole({ TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: telegram.apiRoot }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  it("shows a playground disclosure in the queue live, and the claim, reply and transcript work across the tabs", async () => {
    const { context, page: queue } = await signIn(browser, server.url, server.users.caseworker);
    const errors = watchErrors(queue);
    await expect(queue.locator("tbody td.empty").count()).resolves.toBe(1);

    // The family, in another tab of the same browser.
    family = await context.newPage();
    await family.goto(`${server.url}/playground`);
    await family.locator("#log li.bot").first().waitFor();
    await family.fill("#text", "I want to die");
    await family.press("#text", "Enter");

    // The queue refreshes itself (Server-Sent Events): no reload.
    const row = queue.locator("tbody tr[data-id]").first();
    await row.waitFor();
    escalationId = (await row.getAttribute("data-id")) ?? "";
    await expect(row.locator(".risk").textContent()).resolves.toBe("High");
    await expect(row.locator(".cats").textContent()).resolves.toContain("Self-harm");
    expect(await row.locator(".reasons li").first().getAttribute("title")).toMatch(/^text:en:self_harm\./);
    await expect(queue.locator("#announce").textContent()).resolves.toMatch(/Queue updated: 1 conversations/);

    await Promise.all([queue.waitForURL(`${server.url}/console/escalations/${escalationId}`), row.locator("button", { hasText: "Claim" }).click()]);
    await expect(queue.locator(".flash.ok").textContent()).resolves.toContain("You have this conversation now");
    await expect(queue.locator("#transcript .from-person p").allTextContents()).resolves.toContain("I want to die");
    // The family is told a person joined.
    await family.locator("#log li.bot", { hasText: /joined|caseworker|person/i }).last().waitFor();

    // A reply without reload: it reaches the family's chat, and comes back into the live transcript.
    await queue.fill("#reply-text", "I am here with you. Are you safe right now?");
    await queue.click("#reply-form button[type=submit]:not([name])");
    await family.locator("#log li.bot", { hasText: "I am here with you. Are you safe right now?" }).waitFor();
    await queue.locator("#transcript .from-caseworker", { hasText: "I am here with you" }).waitFor();
    await expect(queue.locator("#reply-status").textContent()).resolves.toBe("Sent.");
    expect(await queue.inputValue("#reply-text")).toBe("");

    // The family answers: the line arrives live, announced as a count (never its words).
    await family.fill("#text", "yes i am at home");
    await family.press("#text", "Enter");
    await queue.locator("#transcript .from-person", { hasText: "yes i am at home" }).waitFor();
    await queue.locator("#announce", { hasText: "new messages" }).waitFor();
    expect(await queue.locator("#announce").textContent()).not.toContain("home");

    // A quick reply in the family's language, sent with one click.
    await queue.click("button[name=quick][value=later]");
    await family.locator("#log li.bot", { hasText: "I will contact you again soon." }).waitFor();
    expect(errors).toEqual([]);
  });

  it("shows a second caseworker that it is taken, and refuses their claim with a clear message", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.caseworker2);
    const row = page.locator(`tbody tr[data-id="${escalationId}"]`);
    await expect(row.textContent()).resolves.toContain("Taken by Amina Diallo");
    await expect(row.locator("button", { hasText: "Claim" }).count()).resolves.toBe(0);
    // Hiding the button is not the protection: post the claim anyway, as a stale page would.
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute("content")) ?? "";
    const claim = await page.request.post(`${server.url}/console/escalations/${escalationId}/claim`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect([claim.status(), claim.headers()["location"]]).toEqual([303, "/console"]);
    await page.goto(`${server.url}/console`);
    await expect(page.locator(".flash.error").textContent()).resolves.toBe("Another caseworker has already taken this conversation.");
    // Nor can they post a reply into it.
    const reply = await page.request.post(`${server.url}/console/escalations/${escalationId}/reply`, {
      form: { text: "hello", _csrf: csrf },
      headers: { accept: "application/json", "x-csrf-token": csrf },
    });
    expect([reply.status(), await reply.json()]).toEqual([409, { error: "NOT_ASSIGNEE" }]);
    await context.close();
  });

  it("sends a caseworker's reply to a family on Telegram", async () => {
    const post = async (updateId: number, text: string): Promise<void> => {
      const response = await fetch(`${server.url}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
        body: JSON.stringify(tgText(updateId, text, "en")),
      });
      expect(response.status).toBe(200);
      await server.kinlink.worker.idle();
    };
    await post(501, "/start");
    await post(502, "I want to die");
    const { context, page } = await signIn(browser, server.url, server.users.supervisor);
    const row = page.locator("tbody tr[data-id]", { hasText: "telegram" });
    await Promise.all([page.waitForURL(/\/console\/escalations\//), row.locator("button", { hasText: "Claim" }).click()]);
    await page.fill("#reply-text", "A caseworker is here. You can write to me.");
    await page.click("#reply-form button[type=submit]:not([name])");
    await page.locator("#reply-status", { hasText: "Sent." }).waitFor();
    await server.kinlink.worker.idle();
    expect(telegram.textsTo(String(CHAT_ID))).toContain("A caseworker is here. You can write to me.");
    await context.close();
  });

  it("refuses a form without the session's CSRF token", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.caseworker);
    const response = await page.request.post(`${server.url}/console/escalations/${escalationId}/release`, { form: { _csrf: "forged" } });
    expect(response.status()).toBe(403);
    await context.close();
  });

  it("answers 'not found' to a caseworker of another organisation, on the page and on the API", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.outsider);
    await expect(page.locator("tbody tr[data-id]").count()).resolves.toBe(0);
    const response = await page.goto(`${server.url}/console/escalations/${escalationId}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Not found");
    expect(await page.content()).not.toContain("I want to die");
    const api = await page.request.get(`${server.url}/api/v1/escalations/${escalationId}`);
    expect([403, 404]).toContain(api.status());
    await context.close();
  });
});
