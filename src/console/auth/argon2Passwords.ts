/**
 * The PasswordHasher port on argon2id (@node-rs/argon2, prebuilt, no install script), with the OWASP
 * Password Storage Cheat Sheet's first configuration: 19 MiB of memory, 2 passes, 1 lane (~50 ms
 * here). Parameters live in each hash, so raising them later leaves old hashes verifiable.
 */
import { hash, verify, type Algorithm } from "@node-rs/argon2";
import type { PasswordHasher } from "../../ports/passwordHasher.js";

// The package's enum is an ambient const enum, which isolated modules cannot read: its value is 2.
const ARGON2ID: Algorithm = 2;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, ARGON2_OPTIONS),
  async verify(passwordHash, password) {
    if (!passwordHash.startsWith("$argon2")) return false;
    try {
      return await verify(passwordHash, password);
    } catch {
      // A corrupt stored hash refuses the sign-in; it never lets it through.
      return false;
    }
  },
};
