/**
 * The person's own account, in a real browser: changing the password ends the session and only the
 * new password signs in; turning on the authenticator-app second factor (codes computed here with
 * the server's own TOTP code) refuses a wrong code, and from then on signing in needs a code.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { base32Decode, hotp, timeStep, TOTP_DRIFT_STEPS } from "../../src/console/auth/totp.js";
import { chromiumAvailable, launchChromium, signIn, startConsole, type TestAccount, type TestConsole } from "../helpers/browser.js";

const describeBrowser = chromiumAvailable() ? describe : describe.skip;
// A browser and a server per file; generous for a loaded CI machine (no assertion depends on time).
jest.setTimeout(60_000);

/** Submits the sign-in form as it stands and waits for the answer page. */
async function submitLogin(page: Page, account: Pick<TestAccount, "username">, password: string, totp?: string): Promise<void> {
  await page.fill("#username", account.username);
  await page.fill("#password", password);
  if (totp !== undefined) await page.fill("#totp", totp);
  await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[type=submit]")]);
}

/**
 * A code the server accepts now and that no earlier sign-in has spent: the next time-step's code is
 * inside the accepted drift window, and later than the step the enrolment used.
 */
function nextCode(secret: Buffer): string {
  return hotp(secret, timeStep(new Date()) + 1);
}

/** Six digits that are no code of any step the server could accept around now. */
function wrongCode(secret: Buffer): string {
  const now = timeStep(new Date());
  const valid = new Set<string>();
  for (let step = now - TOTP_DRIFT_STEPS - 1; step <= now + TOTP_DRIFT_STEPS + 2; step++) valid.add(hotp(secret, step));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, "0"))) candidate++;
  return String(candidate).padStart(6, "0");
}

describeBrowser("my account", () => {
  let browser: Browser;
  let server: TestConsole;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startConsole()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("changes the password: every session ends, the old password is refused and the new one signs in", async () => {
    const account = server.users.caseworker2;
    const { context, page } = await signIn(browser, server.url, account);
    const other = await signIn(browser, server.url, account);
    await page.goto(`${server.url}/console/account`);
    const next = "a brand new passphrase for karim";
    // The labels lead to the fields (what a screen reader announces).
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill(next);
    await Promise.all([page.waitForURL(/\/console\/login$/), page.click("button:has-text('Change password')")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toBe("Password changed. Please sign in again.");

    // The other device is signed out too.
    await other.page.goto(`${server.url}/console`);
    expect(other.page.url()).toContain("/console/login");
    await other.context.close();

    await submitLogin(page, account, account.password);
    await expect(page.locator("#login-error").textContent()).resolves.toBe("Wrong username or password.");
    await submitLogin(page, account, next);
    expect(page.url()).toBe(`${server.url}/console`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Queue");
    await context.close();
  });

  it("refuses a wrong current password and keeps the person signed in", async () => {
    const account = server.users.caseworker;
    const { context, page } = await signIn(browser, server.url, account);
    await page.goto(`${server.url}/console/account`);
    await page.fill("#current", "not my password at all");
    await page.fill("#next", "another long enough passphrase");
    await Promise.all([page.waitForURL(`${server.url}/console/account`), page.click("button:has-text('Change password')")]);
    await expect(page.locator(".flash.error").textContent()).resolves.toBe("The password was not right.");
    // Still signed in.
    await expect(page.locator("h1").textContent()).resolves.toBe("My account");
    await context.close();
  });

  it("turns on the second factor: a wrong code is refused, then signing in needs a fresh code", async () => {
    const account = server.users.supervisor;
    const { context, page } = await signIn(browser, server.url, account);
    await page.goto(`${server.url}/console/account`);
    await expect(page.locator("#totp-title + p").textContent()).resolves.toBe("Add a code from an authenticator app to every sign-in.");

    // A wrong code does not turn it on.
    await page.click("button:has-text('Set up an authenticator app')");
    let secret = base32Decode((await page.locator("code.secret").first().textContent()) ?? "");
    expect(await page.locator("code.secret").nth(1).textContent()).toMatch(/^otpauth:\/\/totp\//);
    await page.getByLabel("6-digit code from your authenticator app").fill(wrongCode(secret));
    await Promise.all([page.waitForURL(`${server.url}/console/account`), page.click("button:has-text('Turn on')")]);
    await expect(page.locator(".flash.error").textContent()).resolves.toBe("The code was not right. Try the newest code.");

    // The right code (from the key the page shows) does.
    await page.click("button:has-text('Set up an authenticator app')");
    secret = base32Decode((await page.locator("code.secret").first().textContent()) ?? "");
    await page.fill("#code", hotp(secret, timeStep(new Date())));
    await Promise.all([page.waitForURL(`${server.url}/console/account`), page.click("button:has-text('Turn on')")]);
    await expect(page.locator(".flash.ok").textContent()).resolves.toBe("The second factor is on.");
    await expect(page.locator("#totp-title + p").textContent()).resolves.toBe("A second factor protects your account.");

    await Promise.all([page.waitForURL(/\/console\/login$/), page.click("text=Sign out")]);
    // The password alone is not enough: the form asks for a code.
    await submitLogin(page, account, account.password);
    expect(page.url()).toContain("/console/login");
    await expect(page.locator("#totp").count()).resolves.toBe(1);
    await expect(page.locator("#totp-hint").textContent()).resolves.toContain("second factor");
    // A wrong code is refused.
    await submitLogin(page, account, account.password, wrongCode(secret));
    expect(page.url()).toContain("/console/login");
    await expect(page.locator("#login-error").textContent()).resolves.toBe("The code is not right. Enter your password and a new code.");
    // A fresh one signs in.
    await submitLogin(page, account, account.password, nextCode(secret));
    expect(page.url()).toBe(`${server.url}/console`);
    await expect(page.locator(".who").textContent()).resolves.toContain("Sofia Martin");
    await context.close();
  });
});
