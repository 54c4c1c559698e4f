/**
 * Real-browser tests with playwright-core driving Debian's Chromium (STACK.md): `npx playwright
 * install` cannot download here, so the browser is the system's. In CI (CI=true) a missing Chromium
 * fails the tests; elsewhere they are skipped with a loud warning naming the package to install.
 *
 *   const describeBrowser = chromiumAvailable() ? describe : describe.skip;
 *   const browser = await launchChromium();
 *   const console = await startConsole();            // a real kinlink with users in two organisations
 *   const page = await signIn(browser, console.url, console.users.caseworker);
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Role } from "../../src/app/queue/queueService.js";
import { argon2Passwords } from "../../src/console/auth/argon2Passwords.js";
import { startTestKinlink, type TestKinlink } from "./kinlink.js";

export const CHROMIUM_PATH = process.env["KINLINK_CHROMIUM"] ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** True when Chromium is there; false (with a loud warning) outside CI; throws in CI, failing the suite. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install Debian's "chromium" package (apt-get install -y chromium), or set KINLINK_CHROMIUM.`;
  if (process.env["CI"] === "true") throw new Error(message);
  console.warn(`\n${"!".repeat(100)}\n  BROWSER TESTS SKIPPED. ${message}\n${"!".repeat(100)}\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestAccount {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly organisation: string;
}

/** The deployment's organisation id (deployment.yaml): escalations from the playground belong to it. */
export const HOME_ORG = "demo";
export const PASSWORD = "correct horse battery staple";

export interface TestConsole {
  readonly kinlink: TestKinlink;
  readonly url: string;
  readonly users: Readonly<Record<"caseworker" | "caseworker2" | "supervisor" | "admin" | "outsider", TestAccount>>;
  stop(): Promise<void>;
}

/** A real kinlink (embedded store, ephemeral port, not in demo mode) with one account per role, and a caseworker of another organisation. */
export async function startConsole(env: Record<string, string> = {}): Promise<TestConsole> {
  const kinlink = await startTestKinlink(env);
  const passwordHash = await argon2Passwords.hash(PASSWORD);
  const make = async (username: string, displayName: string, role: Role, organisation = HOME_ORG): Promise<TestAccount> => {
    const user = await kinlink.store.users.create({ username, displayName, role, organisation, passwordHash, disabled: false });
    return { id: user.id, username, password: PASSWORD, role, organisation };
  };
  const users = {
    caseworker: await make("amina", "Amina Diallo", "caseworker"),
    caseworker2: await make("karim", "Karim Haddad", "caseworker"),
    supervisor: await make("sofia", "Sofia Martin", "supervisor"),
    admin: await make("admin", "Ada Admin", "admin"),
    outsider: await make("olga", "Olga Other", "caseworker", "other-ngo"),
  };
  return { kinlink, url: kinlink.url, users, stop: () => kinlink.stop() };
}

/** Signs in through the login form in a fresh context; returns the queue page. */
export async function signIn(browser: Browser, url: string, account: TestAccount, options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? "en-GB" });
  const page = await context.newPage();
  await page.goto(`${url}/console/login`);
  await page.fill("#username", account.username);
  await page.fill("#password", account.password);
  await Promise.all([page.waitForURL(`${url}/console`), page.click("button[type=submit]")]);
  return { context, page };
}

/** Collects console errors, uncaught exceptions and CSP violations of a page, for a "no errors" check. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
