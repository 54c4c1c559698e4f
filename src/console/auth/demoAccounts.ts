/**
 * Demo accounts, so that a newcomer can sign in on a fresh machine after `npm start` (issue #8's
 * "done when"): one per role, plus a second caseworker to show that a claimed conversation is not
 * someone else's. Only on demo defaults: NODE_ENV development (the default; never production, and
 * not test either, so that test servers look like real deployments), the embedded store, and
 * `demo: true` in deployment.yaml — anywhere else there are no demo accounts at all.
 *
 * Each password is random, made when its account is first created, and kept in the data folder as
 * `demo-accounts.json` (mode 0600, beside the store it unlocks) so that it stays the same across
 * restarts. `kinlink start` prints them once in a marked DEMO block; the login page shows them to
 * loopback clients only. They are demo credentials, not personal data.
 */
import { randomBytes } from "node:crypto";
import { chmod, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Role } from "../../app/queue/queueService.js";
import type { AuditLog } from "../../ports/auditLog.js";
import type { PasswordHasher } from "../../ports/passwordHasher.js";
import type { UserStore } from "../../ports/userStore.js";

export const DEMO_ACCOUNTS_FILE = "demo-accounts.json";

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly organisation: string;
}

const DEMO_USERS: readonly { readonly username: string; readonly displayName: string; readonly role: Role }[] = [
  { username: "demo-caseworker", displayName: "Demo caseworker", role: "caseworker" },
  { username: "demo-caseworker-2", displayName: "Demo caseworker 2", role: "caseworker" },
  { username: "demo-supervisor", displayName: "Demo supervisor", role: "supervisor" },
  { username: "demo-admin", displayName: "Demo admin", role: "admin" },
];

const SavedSchema = z.strictObject({ version: z.literal(1), passwords: z.record(z.string(), z.string().min(12).max(256)) });

export interface DemoSettings {
  readonly nodeEnv: string;
  readonly storeKind: "embedded" | "mongo";
  readonly deploymentDemo: boolean;
}

export function demoAccountsWanted(settings: DemoSettings): boolean {
  return settings.nodeEnv === "development" && settings.storeKind === "embedded" && settings.deploymentDemo;
}

export interface DemoAccountsDeps {
  readonly users: UserStore;
  readonly passwords: Pick<PasswordHasher, "hash">;
  readonly auditLog: Pick<AuditLog, "append">;
  readonly dataDir: string;
  readonly organisation: string;
  readonly random?: (size: number) => Buffer;
}

async function readSaved(file: string): Promise<Record<string, string>> {
  try {
    const parsed = SavedSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? { ...parsed.data.passwords } : {};
  } catch {
    // Missing or unreadable: the accounts get new passwords (below), which are written afresh.
    return {};
  }
}

async function writeSaved(file: string, passwords: Readonly<Record<string, string>>): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: 1, passwords }, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/**
 * Creates the demo accounts that are missing, and gives a new password to one whose password was
 * lost with the file. Returns every account with its password.
 */
export async function ensureDemoAccounts(deps: DemoAccountsDeps): Promise<readonly DemoAccount[]> {
  const file = join(deps.dataDir, DEMO_ACCOUNTS_FILE);
  const saved = await readSaved(file);
  const passwords: Record<string, string> = {};
  let changed = false;
  for (const demo of DEMO_USERS) {
    const known = saved[demo.username];
    const existing = await deps.users.findByUsername(demo.username);
    if (existing && known !== undefined) {
      passwords[demo.username] = known;
      continue;
    }
    const password = (deps.random ?? randomBytes)(18).toString("base64url");
    const passwordHash = await deps.passwords.hash(password);
    const user = existing
      ? await deps.users.update(existing.id, { passwordHash, failedLogins: 0, lockedUntil: null })
      : await deps.users.create({ username: demo.username, displayName: demo.displayName, role: demo.role, organisation: deps.organisation, passwordHash, disabled: false });
    if (user) await deps.auditLog.append({ actor: "system", action: existing ? "user.password_reset" : "user.created", targetType: "user", targetId: user.id, details: { role: demo.role, via: "demo" } });
    passwords[demo.username] = password;
    changed = true;
  }
  if (changed) await writeSaved(file, passwords);
  return DEMO_USERS.map((demo) => ({ username: demo.username, password: passwords[demo.username] ?? "", role: demo.role, organisation: deps.organisation }));
}

/** The start-up banner: the one place the passwords are printed. */
export function formatDemoBlock(accounts: readonly DemoAccount[], consoleUrl: string): string {
  const width = Math.max(...accounts.map((account) => account.username.length));
  const rows = accounts.map((account) => `  ${account.username.padEnd(width)}  ${account.password}  (${account.role})`);
  return [
    "==================== DEMO ACCOUNTS (demo mode only) ====================",
    `Sign in at ${consoleUrl} with one of these. They exist only on demo defaults`,
    "(deployment.yaml demo: true, embedded store, not production).",
    ...rows,
    "=========================================================================",
  ].join("\n");
}
