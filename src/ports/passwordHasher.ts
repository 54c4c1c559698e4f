/**
 * Password hashing as a port, so that use cases (user administration, sign-in) do not depend on a
 * hashing library, and tests can count calls. The adapter is argon2id (console/auth/argon2Passwords.ts).
 */
export interface PasswordHasher {
  /** A self-describing hash (PHC string, with its own salt and parameters). */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash it cannot read (never throws on bad input). */
  verify(passwordHash: string, password: string): Promise<boolean>;
}
