/**
 * Console users (caseworkers, supervisors, admins) and what sign-in keeps about them: the password
 * hash, the failed-login count and lock, and the TOTP second factor. The store holds no policy
 * (how many failures lock, for how long): the auth service decides; the store only offers the two
 * updates that must be atomic across app instances (counting a failure, spending a TOTP step).
 */

/** A second factor: on once `enabled`; before that, an enrolment waiting for its first code. */
export interface UserTotp {
  /** Base32; a secret, stored through the field codec. */
  readonly secret: string;
  readonly enabled: boolean;
  /** The last time-step a code was accepted for: that step and earlier ones are spent. */
  readonly lastStep: number | null;
}

export interface User {
  readonly id: string;
  readonly username: string;
  /** Identifying: stored through the field codec. */
  readonly displayName: string;
  readonly role: string;
  readonly organisation: string;
  /** An argon2id PHC string; "" for accounts that cannot sign in with a password (API tokens only). */
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** Failed sign-ins since the last success or lock. */
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
  readonly totp: UserTotp | null;
}

/** A new user starts unlocked, with no failures and no second factor. */
export type NewUser = Omit<User, "id" | "createdAt" | "failedLogins" | "lockedUntil" | "totp">;

export type UserChanges = Partial<Pick<User, "displayName" | "role" | "disabled" | "passwordHash" | "failedLogins" | "lockedUntil" | "totp">>;

export interface UserStore {
  /** Throws DUPLICATE_RECORD if the username is taken. */
  create(user: NewUser): Promise<User>;
  get(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  /** One organisation's users, by username. */
  listByOrganisation(organisation: string, page: { readonly limit: number; readonly skip?: number }): Promise<User[]>;
  /** Null when there is no such user. */
  update(id: string, changes: UserChanges): Promise<User | null>;
  /**
   * Adds one failed sign-in atomically; returns the new count with the lock as they are after the
   * write (a lock set meanwhile by another instance shows), or null when there is no such user.
   */
  addFailedLogin(id: string): Promise<Pick<User, "failedLogins" | "lockedUntil"> | null>;
  /**
   * Marks a TOTP time-step as spent, atomically: true only if the user has TOTP on and no code of
   * this step or a later one was accepted before (two instances racing on one code: one wins).
   */
  useTotpStep(id: string, step: number): Promise<boolean>;
}
