/** Console users (caseworkers, supervisors, admins). Minimal until the console issue needs more. */
export interface User {
  readonly id: string;
  readonly username: string;
  /** Identifying: stored through the field codec. */
  readonly displayName: string;
  readonly role: string;
  readonly organisation: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

export interface UserStore {
  /** Throws DUPLICATE_RECORD if the username is taken. */
  create(user: Omit<User, "id" | "createdAt">): Promise<User>;
  get(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
}
