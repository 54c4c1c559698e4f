/**
 * Console users from the command line, for the first admin and for scripts:
 *
 *   kinlink users add --username U --role caseworker|supervisor|admin [--org ORG] [--name "Display"] [--days N]
 *   kinlink users token --username U [--days N]
 *
 * Both print a new API token, once: only its hash is stored. They open the store themselves, so on
 * the embedded store they run while the server is stopped (it holds the data directory's lock).
 * Exit codes: 0 done, 1 refused (username taken, unknown or disabled user, store in use), 2 usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { issueApiToken } from "../console/auth/issueApiToken.js";
import { RoleSchema } from "../console/auth/roles.js";
import { loadAuthConfig } from "../config/authConfig.js";
import { loadStorageConfig } from "../config/storageConfig.js";
import { isKinlinkError } from "../domain/errors.js";
import type { User } from "../ports/userStore.js";
import { openStore, type OpenedStore } from "../storage/openStore.js";

const USAGE = `Usage:
  kinlink users add --username U --role caseworker|supervisor|admin [--org ORG] [--name "Display name"] [--days N]
  kinlink users token --username U [--days N]`;

/** No password yet: password login comes with the console, which will set an argon2id hash here. */
const NO_PASSWORD = "";
const UsernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2-64 characters: a-z, 0-9, dot, dash, underscore");
const OrgSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1-64 characters: letters, digits, dot, dash, underscore");
const DaysSchema = z.coerce.number().int().min(1).max(3650);

type Out = (line: string) => void;
type Env = Readonly<Record<string, string | undefined>>;

const OPTIONS = {
  username: { type: "string" },
  role: { type: "string" },
  org: { type: "string" },
  name: { type: "string" },
  days: { type: "string" },
} as const;

class UsageError extends Error {}

function check<T>(schema: z.ZodType<T>, flag: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${flag}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

async function withStore<T>(env: Env, run: (store: OpenedStore) => Promise<T>): Promise<T> {
  const storage = loadStorageConfig(env);
  const store = await openStore({ ...storage.store, hashSecret: storage.hashSecret });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function printToken(store: OpenedStore, user: User, days: number, out: Out): Promise<void> {
  const issued = await issueApiToken({ sessions: store.sessions, auditLog: store.auditLog, clock: { now: () => new Date() } }, { user, days, issuedBy: "system", via: "cli" });
  out(`API token for ${user.username} (shown only this once; keep it like a password, e.g. in KINLINK_TOKEN):`);
  out(`  ${issued.token}`);
  out(`It expires on ${issued.expiresAt.toISOString().slice(0, 10)}.`);
}

async function addUser(values: Record<string, string | undefined>, env: Env, out: Out): Promise<number> {
  const username = check(UsernameSchema, "username", values["username"]);
  const role = check(RoleSchema, "role", values["role"]);
  const organisation = check(OrgSchema, "org", values["org"] ?? "default");
  const displayName = check(z.string().trim().min(1).max(100), "name", values["name"] ?? username);
  const days = check(DaysSchema, "days", values["days"] ?? loadAuthConfig(env).apiTokenDays);
  return withStore(env, async (store) => {
    if (await store.users.findByUsername(username)) {
      out(`the username "${username}" is taken; use \`kinlink users token --username ${username}\` for another token`);
      return 1;
    }
    const user = await store.users.create({ username, displayName, role, organisation, passwordHash: NO_PASSWORD, disabled: false });
    await store.auditLog.append({ actor: "system", action: "user.created", targetType: "user", targetId: user.id, details: { role, organisation, via: "cli" } });
    out(`Created ${role} "${username}" in organisation "${organisation}" (user id ${user.id}).`);
    await printToken(store, user, days, out);
    return 0;
  });
}

async function newToken(values: Record<string, string | undefined>, env: Env, out: Out): Promise<number> {
  const username = check(UsernameSchema, "username", values["username"]);
  const days = check(DaysSchema, "days", values["days"] ?? loadAuthConfig(env).apiTokenDays);
  return withStore(env, async (store) => {
    const user = await store.users.findByUsername(username);
    if (!user || user.disabled) {
      out(user ? `the user "${username}" is disabled` : `no user "${username}"`);
      return 1;
    }
    await printToken(store, user, days, out);
    return 0;
  });
}

export async function usersCommand(argv: readonly string[], out: Out, env: Env): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    if (sub === "add") return await addUser(values, env, out);
    if (sub === "token") return await newToken(values, env, out);
    out(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      out(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isKinlinkError(error) && error.code === "STORE_LOCKED") {
      out(`the store is locked by a running kinlink server: stop it (Ctrl-C) and run this again. (${error.message})`);
      return 1;
    }
    if (isKinlinkError(error) && error.code === "DUPLICATE_RECORD") {
      out("that username was taken a moment ago; choose another");
      return 1;
    }
    throw error;
  }
}
