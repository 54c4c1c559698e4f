/**
 * Console users from the command line, for the first admin and for scripts:
 *
 *   kinlink users add --username U --role caseworker|supervisor|admin [--org ORG] [--name "Display"] [--days N] [--password-stdin]
 *   kinlink users token --username U [--days N]
 *   kinlink users passwd --username U --password-stdin
 *
 * `add` and `token` print a new API token, once: only its hash is stored. A password is only ever
 * read from standard input (never from the command line, where `ps` and shell history would show
 * it), checked against the password policy and stored as an argon2id hash. `--org` defaults to the
 * deployment's organisation id. The commands open the store themselves, so on the embedded store
 * they run while the server is stopped (it holds the data directory's lock).
 * Exit codes: 0 done, 1 refused (username taken, unknown or disabled user, store in use), 2 usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { passwordProblem } from "../app/admin/passwordPolicy.js";
import { UsernameSchema } from "../app/admin/userAdmin.js";
import { argon2Passwords } from "../console/auth/argon2Passwords.js";
import { issueApiToken } from "../console/auth/issueApiToken.js";
import { RoleSchema } from "../console/auth/roles.js";
import { loadAuthConfig } from "../config/authConfig.js";
import { readConfig, readDeployment } from "../config/config.js";
import { loadStorageConfig } from "../config/storageConfig.js";
import { isKinlinkError } from "../domain/errors.js";
import { OrganisationIdSchema } from "../domain/organisation.js";
import type { User } from "../ports/userStore.js";
import { openStore, type OpenedStore } from "../storage/openStore.js";

const USAGE = `Usage:
  kinlink users add --username U --role caseworker|supervisor|admin [--org ORG] [--name "Display name"] [--days N] [--password-stdin]
  kinlink users token --username U [--days N]
  kinlink users passwd --username U --password-stdin
A password is read from standard input, e.g.: read -rs PW && printf '%s\\n' "$PW" | kinlink users passwd --username U --password-stdin`;

/** An account without a password signs in with API tokens only (a service account). */
const NO_PASSWORD = "";
const DaysSchema = z.coerce.number().int().min(1).max(3650);
/** Far more than any passphrase: stdin is not read without bound. */
const STDIN_MAX_BYTES = 4096;

type Out = (line: string) => void;
type Env = Readonly<Record<string, string | undefined>>;
export type Input = AsyncIterable<string | Buffer>;

const OPTIONS = {
  username: { type: "string" },
  role: { type: "string" },
  org: { type: "string" },
  name: { type: "string" },
  days: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

class UsageError extends Error {}

type Values = { readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

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

/** The first line of standard input, without its line ending; the password never appears in argv. */
export async function readPasswordFromStdin(input: Input): Promise<string> {
  let text = "";
  for await (const chunk of input) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length > STDIN_MAX_BYTES) throw new UsageError("--password-stdin: the input is too long for a password");
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

async function passwordHashFrom(values: Values, username: string, input: Input): Promise<string> {
  if (values["password-stdin"] !== true) return NO_PASSWORD;
  const password = await readPasswordFromStdin(input);
  const problem = passwordProblem(password, username);
  if (problem) throw new UsageError(`--password-stdin: ${PROBLEMS[problem]}`);
  return argon2Passwords.hash(password);
}

const PROBLEMS = {
  PASSWORD_TOO_SHORT: "the password needs at least 12 characters (a passphrase of a few words is best)",
  PASSWORD_TOO_LONG: "the password may have at most 256 characters",
  PASSWORD_IS_USERNAME: "the password must not be the username",
} as const;

/** The deployment's organisation, where users go unless --org says otherwise. */
function defaultOrganisation(env: Env): string {
  return readDeployment(readConfig(env, process.cwd()).deploymentFile).organisation_id;
}

async function addUser(values: Values, env: Env, out: Out, input: Input): Promise<number> {
  const username = check(UsernameSchema, "username", values["username"]);
  const role = check(RoleSchema, "role", values["role"]);
  const organisation = check(OrganisationIdSchema, "org", values["org"] ?? defaultOrganisation(env));
  const displayName = check(z.string().trim().min(1).max(100), "name", values["name"] ?? username);
  const days = check(DaysSchema, "days", values["days"] ?? loadAuthConfig(env).apiTokenDays);
  const passwordHash = await passwordHashFrom(values, username, input);
  return withStore(env, async (store) => {
    if (await store.users.findByUsername(username)) {
      out(`the username "${username}" is taken; use \`kinlink users token --username ${username}\` for another token`);
      return 1;
    }
    const user = await store.users.create({ username, displayName, role, organisation, passwordHash, disabled: false });
    await store.auditLog.append({ actor: "system", action: "user.created", targetType: "user", targetId: user.id, details: { role, organisation, via: "cli", password: passwordHash !== NO_PASSWORD } });
    out(`Created ${role} "${username}" in organisation "${organisation}" (user id ${user.id})${passwordHash === NO_PASSWORD ? "" : ", who can sign in to the console with the password given"}.`);
    await printToken(store, user, days, out);
    return 0;
  });
}

async function setPassword(values: Values, env: Env, out: Out, input: Input): Promise<number> {
  const username = check(UsernameSchema, "username", values["username"]);
  if (values["password-stdin"] !== true) throw new UsageError("passwd needs --password-stdin (the password is read from standard input, never from the command line)");
  const passwordHash = await passwordHashFrom(values, username, input);
  return withStore(env, async (store) => {
    const user = await store.users.findByUsername(username);
    if (!user) {
      out(`no user "${username}"`);
      return 1;
    }
    await store.users.update(user.id, { passwordHash, failedLogins: 0, lockedUntil: null });
    const revoked = await store.sessions.deleteForUser(user.id, "console");
    await store.auditLog.append({ actor: "system", action: "user.password_reset", targetType: "user", targetId: user.id, details: { revokedSessions: revoked, via: "cli" } });
    out(`New password set for "${username}"; the account is unlocked and ${revoked} console session(s) ended.`);
    return 0;
  });
}

async function newToken(values: Values, env: Env, out: Out): Promise<number> {
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

export async function usersCommand(argv: readonly string[], out: Out, env: Env, input: Input = process.stdin): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    if (sub === "add") return await addUser(values, env, out, input);
    if (sub === "token") return await newToken(values, env, out);
    if (sub === "passwd") return await setPassword(values, env, out, input);
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
