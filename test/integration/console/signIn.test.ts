/**
 * Console sign-in over the real server (embedded store, real argon2): the session cookie and its
 * flags, CSRF on unsafe requests, logout, lockout with its audit trail, TOTP enrolment and sign-in
 * with a code, bearer tokens beside cookies, the per-address login limit, demo accounts, and user
 * administration confined to the admin's organisation.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { statSync } from "node:fs";
import { join } from "node:path";
import { argon2Passwords } from "../../../src/console/auth/argon2Passwords.js";
import { issueApiToken } from "../../../src/console/auth/issueApiToken.js";
import { DEMO_ACCOUNTS_FILE, demoAccountsWanted } from "../../../src/console/auth/demoAccounts.js";
import { base32Decode, totpAt } from "../../../src/console/auth/totp.js";
import { startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";
import { MovableClock } from "../../helpers/pipeline.js";

const PASSWORD = "a long enough passphrase";

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly setCookie: readonly string[];
  readonly headers: Headers;
}

let kinlink: TestKinlink | undefined;
afterEach(async () => {
  await kinlink?.stop();
  kinlink = undefined;
});

function server(): TestKinlink {
  if (!kinlink) throw new Error("no server");
  return kinlink;
}

async function call(method: string, path: string, options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) headers["cookie"] = options.cookie;
  if (options.csrf) headers["x-csrf-token"] = options.csrf;
  const response = await fetch(`${server().url}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, setCookie: response.headers.getSetCookie(), headers: response.headers };
}

async function addUser(username: string, role: string, organisation = "org-a", password = PASSWORD) {
  return server().store.users.create({ username, displayName: `${username} N.`, role, organisation, passwordHash: await argon2Passwords.hash(password), disabled: false });
}

/** Signs in; returns the cookie to send back ("name=value") and the CSRF token. */
async function signIn(username: string, password = PASSWORD, extra: { totp?: string } = {}) {
  const reply = await call("POST", "/api/v1/auth/login", { body: { username, password, ...extra } });
  if (reply.status !== 200) throw new Error(`login answered ${reply.status} ${JSON.stringify(reply.body)}`);
  const cookie = (reply.setCookie[0] ?? "").split(";")[0] ?? "";
  return { cookie, csrf: String(reply.body["csrfToken"]), reply };
}

describe("signing in to the console", () => {
  it("gives a strict session cookie; the cookie works, unsafe requests need the CSRF token, logout ends it", async () => {
    kinlink = await startTestKinlink();
    const amina = await addUser("amina", "caseworker");
    const { cookie, csrf, reply } = await signIn("amina");
    expect(reply.body).toEqual({ user: { id: amina.id, username: "amina", displayName: "amina N.", role: "caseworker", organisation: "org-a", totpEnabled: false }, csrfToken: csrf });
    expect(reply.headers.get("cache-control")).toBe("no-store");
    const [setCookie] = reply.setCookie;
    expect(setCookie).toMatch(/^kl_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toMatch(/Secure|Expires|Max-Age/);

    expect((await call("GET", "/api/v1/auth/me", { cookie })).body).toEqual({ user: reply.body["user"], csrfToken: csrf });
    expect((await call("GET", "/api/v1/escalations", { cookie })).status).toBe(200);

    const missing = await call("POST", "/api/v1/auth/totp/setup", { cookie });
    expect([missing.status, missing.body]).toEqual([403, { error: "CSRF" }]);
    expect((await call("POST", "/api/v1/auth/totp/setup", { cookie, csrf: `${csrf}x` })).status).toBe(403);
    const withToken = await call("POST", "/api/v1/auth/totp/setup", { cookie, csrf });
    expect(withToken.status).toBe(200);
    expect(withToken.body["uri"]).toEqual(expect.stringContaining("otpauth://totp/"));

    expect((await call("POST", "/api/v1/auth/logout", { cookie })).status).toBe(403);
    const out = await call("POST", "/api/v1/auth/logout", { cookie, csrf });
    expect(out.status).toBe(204);
    expect(out.setCookie[0]).toMatch(/^kl_session=;/);
    const after = await call("GET", "/api/v1/auth/me", { cookie });
    expect([after.status, after.body]).toEqual([401, { error: "UNAUTHORIZED" }]);
    expect(await server().store.auditLog.listForTarget("user", amina.id, 10)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "auth.login_succeeded" }), expect.objectContaining({ action: "auth.logout" })]),
    );
  });

  it("takes JSON only, so that a cross-site form cannot sign a browser in (login CSRF)", async () => {
    kinlink = await startTestKinlink();
    await addUser("amina", "caseworker");
    for (const [type, body] of [
      ["application/x-www-form-urlencoded", `username=amina&password=${encodeURIComponent(PASSWORD)}`],
      ["text/plain", JSON.stringify({ username: "amina", password: PASSWORD })],
    ]) {
      const response = await fetch(`${server().url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": type ?? "" }, body });
      expect([response.status, response.headers.getSetCookie()]).toEqual([415, []]);
    }
  });

  it("takes the __Host- name and Secure over HTTPS (behind a trusted proxy), and reads only that name then", async () => {
    kinlink = await startTestKinlink({ KINLINK_TRUST_PROXY: "1" });
    await addUser("amina", "caseworker");
    const https = { "x-forwarded-proto": "https" };
    const reply = await call("POST", "/api/v1/auth/login", { body: { username: "amina", password: PASSWORD }, headers: https });
    const [setCookie] = reply.setCookie;
    expect(setCookie).toMatch(/^__Host-kl_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain("Secure");
    const cookie = (setCookie ?? "").split(";")[0] ?? "";
    expect((await call("GET", "/api/v1/auth/me", { cookie, headers: https })).status).toBe(200);
    const token = cookie.split("=")[1] ?? "";
    expect((await call("GET", "/api/v1/auth/me", { cookie: `kl_session=${token}`, headers: https })).status).toBe(401);
  });

  it("answers the same 401 to a wrong password and an unknown user, locks after five failures with 429, and audit-logs it all by id", async () => {
    const clock = new MovableClock(new Date());
    kinlink = await startTestKinlink({}, undefined, clock);
    const amina = await addUser("amina", "caseworker");
    const wrong = (username: string) => call("POST", "/api/v1/auth/login", { body: { username, password: "not the passphrase" } });
    expect([(await wrong("nobody")).status, (await wrong("nobody")).body]).toEqual([401, { error: "INVALID_CREDENTIALS" }]);
    for (let i = 0; i < 4; i += 1) expect((await wrong("amina")).body).toEqual({ error: "INVALID_CREDENTIALS" });
    const locked = await wrong("amina");
    expect([locked.status, locked.body, locked.headers.get("retry-after")]).toEqual([429, { error: "LOCKED", retryAfterSeconds: 900 }, "900"]);
    const right = await call("POST", "/api/v1/auth/login", { body: { username: "amina", password: PASSWORD } });
    expect([right.status, right.body["error"], right.setCookie]).toEqual([429, "LOCKED", []]);

    const actions = (await server().store.auditLog.listForTarget("user", amina.id, 20)).map((entry) => entry.action);
    // The test's clock stands still, so entries share a time: compare them as a set with counts.
    expect([...actions].sort()).toEqual(["auth.locked_out", ...Array(5).fill("auth.login_failed"), "auth.login_refused_locked"]);
    const everything = JSON.stringify(await server().store.db.collection("audit_log").find({}).toArray());
    expect(everything).not.toContain("not the passphrase");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain("nobody");

    clock.advance(15 * 60_000);
    expect((await signIn("amina")).reply.status).toBe(200);
  });

  it("enrols TOTP through the API and then signs in only with a fresh code", async () => {
    const clock = new MovableClock(new Date());
    kinlink = await startTestKinlink({}, undefined, clock);
    await addUser("amina", "supervisor");
    const { cookie, csrf } = await signIn("amina");
    const setup = await call("POST", "/api/v1/auth/totp/setup", { cookie, csrf });
    const key = base32Decode(String(setup.body["secret"]));
    expect((await call("POST", "/api/v1/auth/totp/confirm", { cookie, csrf, body: { code: "12345" } })).body).toEqual({ error: "INVALID_TOTP" });
    const confirmed = await call("POST", "/api/v1/auth/totp/confirm", { cookie, csrf, body: { code: totpAt(key, clock.now()) } });
    expect(confirmed.body).toEqual({ totpEnabled: true });

    clock.advance(30_000);
    const noCode = await call("POST", "/api/v1/auth/login", { body: { username: "amina", password: PASSWORD } });
    expect([noCode.status, noCode.body, noCode.setCookie]).toEqual([401, { error: "TOTP_REQUIRED" }, []]);
    const code = totpAt(key, clock.now());
    const withCode = await signIn("amina", PASSWORD, { totp: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(withCode.reply.body["user"]).toMatchObject({ totpEnabled: true });
    const replayed = await call("POST", "/api/v1/auth/login", { body: { username: "amina", password: PASSWORD, totp: code } });
    expect([replayed.status, replayed.body]).toEqual([401, { error: "TOTP_REQUIRED" }]);
  });

  it("still takes bearer tokens, without a CSRF token", async () => {
    kinlink = await startTestKinlink();
    const robot = await server().store.users.create({ username: "robot", displayName: "Robot", role: "caseworker", organisation: "org-a", passwordHash: "", disabled: false });
    const { token } = await issueApiToken({ ...server().store, clock: { now: () => new Date() } }, { user: robot, issuedBy: "system", via: "test" });
    const headers = { authorization: `Bearer ${token}` };
    const me = await call("GET", "/api/v1/auth/me", { headers });
    expect(me.body).toEqual({ user: { id: robot.id, username: "robot", displayName: "Robot", role: "caseworker", organisation: "org-a", totpEnabled: false }, csrfToken: null });
    expect((await call("POST", "/api/v1/auth/totp/setup", { headers })).status).toBe(200);
    // A token-only account cannot sign in with a password.
    expect((await call("POST", "/api/v1/auth/login", { body: { username: "robot", password: "anything at all" } })).status).toBe(401);
  });

  it("limits sign-in attempts per address", async () => {
    kinlink = await startTestKinlink({ KINLINK_LOGIN_RATE_LIMIT: "3" });
    const attempt = () => call("POST", "/api/v1/auth/login", { body: { username: "nobody", password: "whatever it is" } });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect([limited.status, limited.body]).toEqual([429, { error: "RATE_LIMITED" }]);
  });

  it("changing the password ends the session, and the new password works", async () => {
    kinlink = await startTestKinlink();
    await addUser("amina", "caseworker");
    const { cookie, csrf } = await signIn("amina");
    const weak = await call("POST", "/api/v1/auth/password", { cookie, csrf, body: { current: PASSWORD, next: "amina" } });
    expect([weak.status, weak.body]).toEqual([400, { error: "PASSWORD_TOO_SHORT" }]);
    const wrong = await call("POST", "/api/v1/auth/password", { cookie, csrf, body: { current: "not it at all", next: "another long passphrase" } });
    expect([wrong.status, wrong.body]).toEqual([403, { error: "INVALID_CREDENTIALS" }]);
    expect((await call("POST", "/api/v1/auth/password", { cookie, csrf, body: { current: PASSWORD, next: "another long passphrase" } })).status).toBe(204);
    expect((await call("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    expect((await signIn("amina", "another long passphrase")).reply.status).toBe(200);
  });
});

describe("demo accounts", () => {
  // Test servers run with NODE_ENV=test, which has none; development is what `npm start` runs.
  const development = { NODE_ENV: "development" };

  it("exist on demo defaults, keep their passwords across restarts in a private file, and sign in", async () => {
    kinlink = await startTestKinlink(development);
    const accounts = server().demoAccounts;
    expect(accounts.map((account) => [account.username, account.role, account.organisation])).toEqual([
      ["demo-caseworker", "caseworker", "demo"],
      ["demo-caseworker-2", "caseworker", "demo"],
      ["demo-supervisor", "supervisor", "demo"],
      ["demo-admin", "admin", "demo"],
    ]);
    expect(statSync(join(server().dataDir, DEMO_ACCOUNTS_FILE)).mode & 0o777).toBe(0o600);
    const admin = accounts.find((account) => account.role === "admin");
    expect((await signIn("demo-admin", admin?.password)).reply.body["user"]).toMatchObject({ role: "admin", organisation: "demo" });

    const dataDir = server().dataDir;
    await server().stop(true);
    kinlink = await startTestKinlink(development, dataDir);
    expect(server().demoAccounts).toEqual(accounts);
  });

  it("are not made when the deployment is not a demo, nor outside development", async () => {
    kinlink = await startTestKinlink({ ...development, KINLINK_DEPLOYMENT_FILE: "test/fixtures/deployment-live.yaml" });
    expect(server().demoAccounts).toEqual([]);
    expect(await server().store.users.findByUsername("demo-admin")).toBeNull();
    await server().stop();
    kinlink = await startTestKinlink();
    expect(server().demoAccounts).toEqual([]);
    expect(await server().store.users.findByUsername("demo-admin")).toBeNull();
  });

  it("are decided by the environment, the store and the deployment together", () => {
    const demo = { nodeEnv: "development", storeKind: "embedded" as const, deploymentDemo: true };
    expect(demoAccountsWanted(demo)).toBe(true);
    expect(demoAccountsWanted({ ...demo, nodeEnv: "production" })).toBe(false);
    expect(demoAccountsWanted({ ...demo, nodeEnv: "test" })).toBe(false);
    expect(demoAccountsWanted({ ...demo, storeKind: "mongo" })).toBe(false);
    expect(demoAccountsWanted({ ...demo, deploymentDemo: false })).toBe(false);
  });
});

describe("user administration", () => {
  it("lets an admin manage their own organisation's users only", async () => {
    kinlink = await startTestKinlink();
    await addUser("admin-a", "admin", "org-a");
    const outsider = await addUser("cw-b", "caseworker", "org-b");
    await addUser("cw-a", "caseworker", "org-a");
    const { cookie, csrf } = await signIn("admin-a");
    const as = { cookie, csrf };

    const listed = await call("GET", "/api/v1/users", as);
    expect((listed.body["items"] as { username: string }[]).map((user) => user.username)).toEqual(["admin-a", "cw-a"]);
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|passwordHash|secret/);
    expect((await call("GET", `/api/v1/users/${outsider.id}`, as)).status).toBe(404);
    expect((await call("PATCH", `/api/v1/users/${outsider.id}`, { ...as, body: { disabled: true } })).status).toBe(404);
    expect((await call("POST", `/api/v1/users/${outsider.id}/password`, { ...as, body: { password: "taken over now!" } })).status).toBe(404);
    expect((await call("POST", `/api/v1/users/${outsider.id}/revoke-sessions`, as)).status).toBe(404);
    const elsewhere = await call("POST", "/api/v1/users", { ...as, body: { username: "mole", displayName: "Mole", role: "admin", organisation: "org-b", password: PASSWORD } });
    expect([elsewhere.status, elsewhere.body]).toEqual([403, { error: "FORBIDDEN" }]);
    expect(await server().store.users.get(outsider.id)).toMatchObject({ disabled: false });

    const created = await call("POST", "/api/v1/users", { ...as, body: { username: "newbie", displayName: "New B.", role: "caseworker", password: PASSWORD } });
    expect([created.status, created.body["user"]]).toEqual([201, expect.objectContaining({ username: "newbie", organisation: "org-a", disabled: false })]);
    const newbie = await signIn("newbie");
    const id = (created.body["user"] as { id: string }).id;
    expect((await call("PATCH", `/api/v1/users/${id}`, { ...as, body: { disabled: true } })).body["user"]).toMatchObject({ disabled: true });
    expect((await call("GET", "/api/v1/auth/me", { cookie: newbie.cookie })).status).toBe(401);
    const actions = (await server().store.auditLog.listForTarget("user", id, 10)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.updated"]));

    const self = await call("PATCH", `/api/v1/users/${(await server().store.users.findByUsername("admin-a"))?.id}`, { ...as, body: { role: "caseworker" } });
    expect([self.status, self.body]).toEqual([409, { error: "OWN_ACCOUNT" }]);
  });

  it("is for admins only", async () => {
    kinlink = await startTestKinlink();
    await addUser("cw-a", "caseworker", "org-a");
    const { cookie, csrf } = await signIn("cw-a");
    const refused = await call("GET", "/api/v1/users", { cookie, csrf });
    expect([refused.status, refused.body]).toEqual([403, { error: "FORBIDDEN" }]);
    expect((await call("POST", "/api/v1/users", { cookie, csrf, body: { username: "x1", displayName: "X", role: "admin", password: PASSWORD } })).status).toBe(403);
  });
});
