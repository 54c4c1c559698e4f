/**
 * User administration, in a real browser, checked from the other side too: an admin changes a
 * role (the colleague's menu follows), disables a user (their open session ends and they cannot
 * sign in), sets a password (old sessions end, only the new password works) and signs a user out
 * everywhere (their open page goes back to sign-in).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { chromiumAvailable, launchChromium, signIn, startConsole, type TestAccount, type TestConsole } from "../helpers/browser.js";

const describeBrowser = chromiumAvailable() ? describe : describe.skip;
// A browser and a server per file; generous for a loaded CI machine (no assertion depends on time).
jest.setTimeout(60_000);

describeBrowser("user administration", () => {
  let browser: Browser;
  let server: TestConsole;
  let admin: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startConsole()]);
    admin = await signIn(browser, server.url, server.users.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The user's row on the users page, with its "Manage" section opened (keyboard: Enter on the summary). */
  async function manage(account: TestAccount): Promise<Locator> {
    await admin.page.goto(`${server.url}/console/admin`);
    const row = admin.page.locator("tbody tr", { has: admin.page.locator("th code", { hasText: new RegExp(`^${account.username}$`) }) });
    await row.locator("summary").focus();
    await admin.page.keyboard.press("Enter");
    return row;
  }

  /** Whether an open page of `account` is still signed in (the next navigation tells). */
  async function stillSignedIn(page: Page): Promise<boolean> {
    await page.goto(`${server.url}/console`);
    return !page.url().includes("/console/login");
  }

  async function signInFails(account: Pick<TestAccount, "username">, password: string): Promise<string> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login`);
    await page.fill("#username", account.username);
    await page.fill("#password", password);
    await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[type=submit]")]);
    const error = page.url().includes("/console/login") ? ((await page.locator("#login-error").textContent()) ?? "") : "signed in";
    await context.close();
    return error;
  }

  it("changes a role: the colleague's menu follows on their next page", async () => {
    const karim = server.users.caseworker2;
    const other = await signIn(browser, server.url, karim);
    const row = await manage(karim);
    await row.getByLabel("Role").selectOption("admin");
    await Promise.all([admin.page.waitForURL(`${server.url}/console/admin`), row.locator("button", { hasText: "Change role" }).click()]);
    await expect(admin.page.locator(".flash.ok").textContent()).resolves.toBe("Role changed.");
    await expect(admin.page.locator("tbody tr", { hasText: karim.username }).locator("td").nth(1).textContent()).resolves.toBe("Administrator");
    await other.page.goto(`${server.url}/console`);
    expect(await other.page.locator("nav.menu a").allTextContents()).toEqual(["Queue", "Playground", "Admin", "My account"]);
    await other.context.close();
  });

  it("disables a user: their open session ends and they cannot sign in", async () => {
    const amina = server.users.caseworker;
    const other = await signIn(browser, server.url, amina);
    const row = await manage(amina);
    await Promise.all([admin.page.waitForURL(`${server.url}/console/admin`), row.locator("button", { hasText: "Disable" }).click()]);
    await expect(admin.page.locator(".flash.ok").textContent()).resolves.toBe("User disabled and signed out.");
    await expect(admin.page.locator("tbody tr.disabled").textContent()).resolves.toContain(amina.username);
    expect(await stillSignedIn(other.page)).toBe(false);
    // The same answer as a wrong password: a disabled account is not revealed.
    expect(await signInFails(amina, amina.password)).toBe("Wrong username or password.");
    await other.context.close();
  });

  it("sets a password: old sessions end, the old password fails and the new one works", async () => {
    const sofia = server.users.supervisor;
    const other = await signIn(browser, server.url, sofia);
    const row = await manage(sofia);
    const next = "an admin-chosen passphrase";
    await row.getByLabel("New password").fill(next);
    await Promise.all([admin.page.waitForURL(`${server.url}/console/admin`), row.locator("button", { hasText: "Set password" }).click()]);
    await expect(admin.page.locator(".flash.ok").textContent()).resolves.toBe("Password set. Their sessions have ended.");
    expect(await stillSignedIn(other.page)).toBe(false);
    expect(await signInFails(sofia, sofia.password)).toBe("Wrong username or password.");
    expect(await signInFails(sofia, next)).toBe("signed in");
    await other.context.close();
  });

  it("signs a user out everywhere, without changing anything else", async () => {
    const olga = server.users.outsider;
    const karim = server.users.caseworker2;
    const other = await signIn(browser, server.url, karim);
    const row = await manage(karim);
    await Promise.all([admin.page.waitForURL(`${server.url}/console/admin`), row.locator("button", { hasText: "Sign out everywhere" }).click()]);
    await expect(admin.page.locator(".flash.ok").textContent()).resolves.toBe("Signed out everywhere.");
    expect(await stillSignedIn(other.page)).toBe(false);
    // They may sign in again at once, with the same password.
    expect(await signInFails(karim, karim.password)).toBe("signed in");
    // Another organisation's users are not on the page at all.
    await expect(admin.page.locator("tbody tr", { hasText: olga.username }).count()).resolves.toBe(0);
    await other.context.close();
  });
});
