/**
 * `kinlink users add|token` as an operator runs them: a real process on a temp data folder, with the
 * server stopped; the token printed once authenticates, and only its hash is on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bearerAuthenticator } from "../../../src/console/auth/bearerAuthenticator.js";
import { DEVELOPMENT_HASH_SECRET } from "../../../src/config/storageConfig.js";
import { openStore } from "../../../src/storage/openStore.js";
import { runKinlink } from "../../helpers/runKinlink.js";
import { tempDir } from "../../helpers/storage/backends.js";

const TOKEN = /kl_[A-Za-z0-9_-]{43}/g;

describe("kinlink users", () => {
  let dir: { path: string; remove(): Promise<void> };
  const env = (): Record<string, string> => ({ KINLINK_DATA_DIR: dir.path });
  beforeAll(async () => {
    dir = await tempDir("kinlink-users-");
  });
  afterAll(() => dir.remove());

  it("adds a user and prints a token, once, that authenticates as that user", async () => {
    const run = await runKinlink(["users", "add", "--username", "amina", "--role", "supervisor", "--org", "ngo-7", "--name", "Amina K."], env());
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain('Created supervisor "amina" in organisation "ngo-7"');
    expect(run.out).not.toContain("Amina K.");
    const tokens = run.out.match(TOKEN) ?? [];
    expect(tokens).toHaveLength(1);
    const token = tokens[0] ?? "";

    const second = await runKinlink(["users", "token", "--username", "amina", "--days", "7"], env());
    expect(second.code).toBe(0);
    const other = second.out.match(TOKEN)?.[0] ?? "";
    expect(other).not.toBe(token);

    // Neither token is anywhere in the data folder: only their hashes are.
    for (const file of readdirSync(dir.path)) {
      const content = readFileSync(join(dir.path, file)).toString("latin1");
      expect(content.includes(token) || content.includes(other)).toBe(false);
    }
    const store = await openStore({ kind: "embedded", dataDir: dir.path, hashSecret: DEVELOPMENT_HASH_SECRET });
    try {
      const authenticate = bearerAuthenticator(store);
      const user = await store.users.findByUsername("amina");
      for (const presented of [token, other]) {
        expect(await authenticate(`Bearer ${presented}`)).toEqual({ ok: true, actor: { userId: user?.id, role: "supervisor", organisation: "ngo-7" } });
      }
      const audit = await store.auditLog.listForTarget("user", user?.id ?? "", 10);
      expect(audit.map((entry) => entry.action)).toEqual(["user.created", "auth.token_issued", "auth.token_issued"]);
    } finally {
      await store.close();
    }
  });

  it("refuses a taken username, an unknown user, a bad role, and says why", async () => {
    const taken = await runKinlink(["users", "add", "--username", "amina", "--role", "caseworker"], env());
    expect([taken.code, taken.out]).toEqual([1, expect.stringContaining('the username "amina" is taken')]);
    const unknown = await runKinlink(["users", "token", "--username", "nobody"], env());
    expect([unknown.code, unknown.out]).toEqual([1, expect.stringContaining('no user "nobody"')]);
    const role = await runKinlink(["users", "add", "--username", "bo", "--role", "root"], env());
    expect([role.code, role.out]).toEqual([2, expect.stringContaining("--role")]);
    expect(`${taken.out}${unknown.out}${role.out}`).not.toMatch(TOKEN);
  });

  it("says clearly when a running server holds the store", async () => {
    const store = await openStore({ kind: "embedded", dataDir: dir.path, hashSecret: DEVELOPMENT_HASH_SECRET });
    try {
      const run = await runKinlink(["users", "add", "--username", "bob", "--role", "caseworker"], env());
      expect(run.code).toBe(1);
      expect(run.out).toContain("the store is locked by a running kinlink server");
      expect(run.out).not.toMatch(TOKEN);
    } finally {
      await store.close();
    }
  });
});
