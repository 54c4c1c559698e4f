/**
 * Signing in, in a real browser: the form works with the keyboard alone, five wrong passwords lock
 * the account with a clear message, the Arabic console is laid out right to left, and the main
 * pages load without a console error or a Content-Security-Policy violation.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchChromium, signIn, startConsole, watchErrors, type TestConsole } from "../helpers/browser.js";

const describeBrowser = chromiumAvailable() ? describe : describe.skip;
// A browser and a server per file; generous for a loaded CI machine (no assertion depends on time).
jest.setTimeout(60_000);

describeBrowser("the console's sign-in and layout", () => {
  let browser: Browser;
  let server: TestConsole;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startConsole()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in with the keyboard alone: type, Tab, type, Enter", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    expect(page.url()).toBe(`${server.url}/console/login?next=%2Fconsole`);
    // The username field has the focus on arrival (autofocus is applied just after load).
    await page.waitForFunction("document.activeElement?.id === 'username'");
    await page.keyboard.type(server.users.caseworker.username);
    await page.keyboard.press("Tab");
    await page.keyboard.type(server.users.caseworker.password);
    await Promise.all([page.waitForURL(`${server.url}/console`), page.keyboard.press("Enter")]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Queue");
    // Signing out (a CSRF-checked POST) ends the session: the queue asks for sign-in again.
    await Promise.all([page.waitForURL(/\/console\/login$/), page.click("text=Sign out")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toContain("signed out");
    await page.goto(`${server.url}/console`);
    expect(page.url()).toContain("/console/login");
    await context.close();
  });

  it("answers wrong passwords generically, then locks the account after five", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login`);
    const messages: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.fill("#username", server.users.caseworker2.username);
      await page.fill("#password", `wrong password ${attempt}`);
      await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[type=submit]")]);
      messages.push((await page.locator("#login-error").textContent()) ?? "");
    }
    expect(messages.slice(0, 4)).toEqual(Array(4).fill("Wrong username or password."));
    expect(messages[5]).toMatch(/Too many failed attempts\. This account is locked\. Try again in \d+ minutes\./);
    // Locked means locked: the right password does not get in either.
    await page.fill("#username", server.users.caseworker2.username);
    await page.fill("#password", server.users.caseworker2.password);
    await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[type=submit]")]);
    expect(page.url()).toContain("/console/login");
    await expect(page.locator("#login-error").textContent()).resolves.toContain("locked");
    await context.close();
  });

  it("lays the Arabic console out right to left, menu order mirrored", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.supervisor);
    await Promise.all([page.waitForURL(`${server.url}/console`), page.click("a[hreflang=ar]")]);
    // (Expressions as strings: the tests are compiled without the DOM library.)
    expect(await page.evaluate("[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]")).toEqual(["ar", "rtl", "rtl"]);
    await expect(page.locator("h1").textContent()).resolves.toBe("قائمة الانتظار");
    const items = page.locator("nav.menu li");
    const first = await items.nth(0).boundingBox();
    const second = await items.nth(1).boundingBox();
    expect(first && second && first.x > second.x).toBe(true);
    // The choice is remembered (cookie) on the next page.
    await page.goto(`${server.url}/console/cases`);
    expect(await page.evaluate("document.documentElement.dir")).toBe("rtl");
    await context.close();
  });

  it("picks the language from Accept-Language before anyone chooses", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Connexion");
    await context.close();
  });

  it("loads the main pages of each role without console errors or CSP violations", async () => {
    const visits: [keyof TestConsole["users"], string[]][] = [
      ["caseworker", ["/console", "/console/cases", "/console/tracing", "/console/playground", "/console/account"]],
      ["admin", ["/console", "/console/admin", "/console/admin/organisations", "/console/admin/settings", "/console/admin/audit"]],
    ];
    for (const [who, paths] of visits) {
      const { context, page } = await signIn(browser, server.url, server.users[who]);
      const errors = watchErrors(page);
      for (const path of paths) {
        const response = await page.goto(`${server.url}${path}`);
        expect([path, response?.status()]).toEqual([path, 200]);
        await page.waitForLoadState("load");
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("shows each role only the menu it can use, and refuses the rest on the server", async () => {
    const { context, page } = await signIn(browser, server.url, server.users.admin);
    expect(await page.locator("nav.menu a").allTextContents()).toEqual(["Queue", "Playground", "Admin", "My account"]);
    const cases = await page.goto(`${server.url}/console/cases`);
    expect(cases?.status()).toBe(403);
    await context.close();
    const caseworker = await signIn(browser, server.url, server.users.caseworker);
    expect(await caseworker.page.locator("nav.menu a").allTextContents()).toEqual(["Queue", "Cases", "Tracing", "Playground", "My account"]);
    expect((await caseworker.page.goto(`${server.url}/console/admin`))?.status()).toBe(403);
    await caseworker.context.close();
  });
});
