/**
 * Takes the README's console screenshots (PNG, 1280x800) into docs/screenshots/: a real kinlink
 * with a few playground conversations and records, driven by Debian's Chromium. Run on purpose,
 * not with every test run:  npm run screenshots
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PlaygroundPerson } from "../helpers/kinlink.js";
import { ROOT } from "../helpers/project.js";
import { HOME_ORG, launchChromium, signIn, startConsole } from "../helpers/browser.js";

const OUT = join(ROOT, "docs", "screenshots");
mkdirSync(OUT, { recursive: true });

const server = await startConsole();
const browser = await launchChromium();
const shot = async (page: Page, name: string): Promise<void> => {
  await page.waitForLoadState("load");
  await page.screenshot({ path: join(OUT, `console-${name}.png`), fullPage: false });
  console.log(`docs/screenshots/console-${name}.png`);
};

try {
  const { kinlink } = server;
  // Three families in the playground: a disclosure of abuse, a self-harm statement, a request for a person.
  const families = [new PlaygroundPerson(kinlink), new PlaygroundPerson(kinlink), new PlaygroundPerson(kinlink)];
  for (const answer of ["/start", "1", "1", "1", "my uncle touches me at night and i am scared"]) await families[0]?.say(answer);
  for (const answer of ["/start", "I want to die"]) await families[1]?.say(answer);
  for (const answer of ["/start", "person"]) await families[2]?.say(answer);
  const consents = [{ purpose: "services" as const, given: true, source: "child" as const, recordedAt: new Date() }];
  const child = await kinlink.store.cases.create({ subjectId: "shot-1", organisation: HOME_ORG, conversationId: null, riskLevel: "high", riskCategories: ["unaccompanied"], consents, createdBy: "system",
    fields: { reporter_type: "child", name_first: "Amani", name_last: "Kabila", age: 9, age_estimated: true, sex: "female", protection_status: "separated", feels_safe_now: true, location_last: "Goma, Virunga market", separation_cause: "conflict" } });
  await kinlink.store.cases.create({ subjectId: "shot-2", organisation: HOME_ORG, conversationId: null, riskLevel: "medium", riskCategories: ["neglect"], consents, createdBy: "system", fields: { name_first: "Noura", name_last: "Haddad", age: 12 } });
  await kinlink.store.cases.create({ subjectId: "shot-3", organisation: HOME_ORG, conversationId: null, riskLevel: "low", riskCategories: [], consents, createdBy: "system", fields: { name_first: "Pierre", age: 15 } });

  const login = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await login.goto(`${server.url}/console/login`);
  await shot(login, "login");
  await login.close();

  const { page } = await signIn(browser, server.url, server.users.caseworker);
  await shot(page, "queue");
  const top = await page.locator("tbody tr[data-id]").first().getAttribute("data-id");
  await Promise.all([page.waitForURL(/\/console\/escalations\//), page.locator("tbody tr[data-id]").first().locator("button", { hasText: "Claim" }).click()]);
  await families[1]?.say("i am at my friend's house now");
  await kinlink.queue.reply({ userId: server.users.caseworker.id, role: "caseworker", organisation: HOME_ORG }, top ?? "", "Thank you for telling me. It is not your fault. Are you safe right now?");
  await kinlink.worker.idle();
  await page.reload();
  await shot(page, "conversation");
  await page.goto(`${server.url}/console/cases`);
  await shot(page, "cases");
  await page.goto(`${server.url}/console/cases/${child.id}`);
  await shot(page, "case");
  await page.goto(`${server.url}/console`);
  await Promise.all([page.waitForURL(`${server.url}/console`), page.click("a[hreflang=ar]")]);
  await shot(page, "queue-ar");

  const admin = await signIn(browser, server.url, server.users.admin);
  await admin.page.goto(`${server.url}/console/admin`);
  await shot(admin.page, "admin");
  await admin.page.goto(`${server.url}/console/admin/audit`);
  await shot(admin.page, "audit");
  for (const family of families) family.close();
} finally {
  await browser.close();
  await server.stop();
}
