/**
 * `kinlink users add --password-stdin` and `kinlink users passwd`: the password comes only from
 * standard input, must meet the policy, is stored as an argon2id hash, and signs in; never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { usersCommand } from "../../../src/cli/users.js";
import { argon2Passwords } from "../../../src/console/auth/argon2Passwords.js";
import { DEVELOPMENT_HASH_SECRET } from "../../../src/config/storageConfig.js";
import { openStore } from "../../../src/storage/openStore.js";
import { tempDir } from "../../helpers/storage/backends.js";

describe("kinlink users with passwords", () => {
  let dir: { path: string; remove(): Promise<void> };
  const env = (): Record<string, string> => ({ KINLINK_DATA_DIR: dir.path });
  const run = async (args: string[], stdin: string) => {
    const lines: string[] = [];
    const code = await usersCommand(args, (line) => lines.push(line), env(), Readable.from([stdin]));
    return { code, out: lines.join("\n") };
  };
  const stored = async (username: string) => {
    const store = await openStore({ kind: "embedded", dataDir: dir.path, hashSecret: DEVELOPMENT_HASH_SECRET });
    try {
      return await store.users.findByUsername(username);
    } finally {
      await store.close();
    }
  };
  beforeAll(async () => {
    dir = await tempDir("kinlink-users-pw-");
  });
  afterAll(() => dir.remove());

  it("creates the first admin with a password read from stdin, in the deployment's organisation by default", async () => {
    const result = await run(["add", "--username", "root-admin", "--role", "admin", "--password-stdin"], "first admin passphrase\n");
    expect(result.code).toBe(0);
    expect(result.out).toContain('Created admin "root-admin" in organisation "demo"');
    expect(result.out).not.toContain("first admin passphrase");
    const user = await stored("root-admin");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await argon2Passwords.verify(user?.passwordHash ?? "", "first admin passphrase")).toBe(true);
    for (const file of readdirSync(dir.path)) expect(readFileSync(join(dir.path, file)).toString("latin1")).not.toContain("first admin passphrase");
  });

  it("refuses a weak password and says why, creating nobody", async () => {
    const short = await run(["add", "--username", "weak", "--role", "caseworker", "--password-stdin"], "short\n");
    expect([short.code, short.out]).toEqual([2, expect.stringContaining("at least 12 characters")]);
    const same = await run(["add", "--username", "samesame1234", "--role", "caseworker", "--password-stdin"], "samesame1234\n");
    expect([same.code, same.out]).toEqual([2, expect.stringContaining("must not be the username")]);
    expect(await stored("weak")).toBeNull();
  });

  it("sets a new password with passwd, unlocking the account", async () => {
    const store = await openStore({ kind: "embedded", dataDir: dir.path, hashSecret: DEVELOPMENT_HASH_SECRET });
    const admin = await store.users.findByUsername("root-admin");
    await store.users.update(admin?.id ?? "", { failedLogins: 3, lockedUntil: new Date(Date.now() + 600_000) });
    await store.close();
    const result = await run(["passwd", "--username", "root-admin", "--password-stdin"], "a brand new passphrase\r\nignored second line\n");
    expect(result.code).toBe(0);
    const user = await stored("root-admin");
    expect(user).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(await argon2Passwords.verify(user?.passwordHash ?? "", "a brand new passphrase")).toBe(true);
    expect((await run(["passwd", "--username", "nobody-here", "--password-stdin"], "a brand new passphrase\n")).code).toBe(1);
    expect((await run(["passwd", "--username", "root-admin"], "")).code).toBe(2);
  });
});
