/**
 * Console users. The display name and the TOTP secret go through the field codec under the user's
 * id (identifying, and a secret). Documents from before sign-in existed have no lock or TOTP
 * fields: they read as unlocked, with no failures and no second factor.
 */
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase, DocUpdate } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { DuplicateRecordError } from "../../ports/storeErrors.js";
import type { NewUser, User, UserChanges, UserStore, UserTotp } from "../../ports/userStore.js";
import type { FieldCodec } from "../fieldCodec.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

const TotpDocSchema = z.object({ secret: z.unknown(), enabled: z.boolean(), lastStep: z.number().int().nullable() });

const UserDocSchema = z.object({
  _id: z.string(),
  username: z.string(),
  displayName: z.unknown(),
  role: z.string(),
  organisation: z.string(),
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.date(),
  failedLogins: z.number().int().min(0).default(0),
  lockedUntil: z.date().nullable().default(null),
  totp: TotpDocSchema.nullable().default(null),
});

type UserDoc = z.input<typeof UserDocSchema>;

export class UserRepository implements UserStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.users);
  }

  async create(user: NewUser): Promise<User> {
    const id = this.deps.ids.uuid();
    const created: User = { ...user, id, createdAt: this.deps.clock.now(), failedLogins: 0, lockedUntil: null, totp: null };
    const { id: _id, displayName, ...rest } = created;
    const doc: UserDoc = { ...rest, _id, displayName: await this.deps.codec.encode(id, displayName) };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateRecordError(COLLECTIONS.users, "username");
      throw error;
    }
    return created;
  }

  async get(id: string): Promise<User | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toUser(doc) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const doc = await this.collection.findOne({ username });
    return doc ? this.toUser(doc) : null;
  }

  async listByOrganisation(organisation: string, page: { readonly limit: number; readonly skip?: number }): Promise<User[]> {
    const docs = await this.collection.find({ organisation }, { sort: { username: 1 }, skip: page.skip ?? 0, limit: page.limit }).toArray();
    return Promise.all(docs.map((doc) => this.toUser(doc)));
  }

  async update(id: string, changes: UserChanges): Promise<User | null> {
    // MongoDB refuses an empty $set.
    if (Object.values(changes).every((value) => value === undefined)) return this.get(id);
    const doc = await this.collection.findOneAndUpdate({ _id: id }, await this.toUpdate(id, changes), { returnDocument: "after" });
    return doc ? this.toUser(doc) : null;
  }

  async addFailedLogin(id: string): Promise<Pick<User, "failedLogins" | "lockedUntil"> | null> {
    const doc = await this.collection.findOneAndUpdate({ _id: id }, { $inc: { failedLogins: 1 } }, { returnDocument: "after" });
    if (!doc) return null;
    const { failedLogins, lockedUntil } = parseStored(UserDocSchema, COLLECTIONS.users, doc);
    return { failedLogins, lockedUntil };
  }

  async useTotpStep(id: string, step: number): Promise<boolean> {
    const unspent = { $or: [{ "totp.lastStep": null }, { "totp.lastStep": { $lt: step } }] };
    const result = await this.collection.updateOne({ _id: id, "totp.enabled": true, ...unspent }, { $set: { "totp.lastStep": step } });
    return result.modifiedCount === 1;
  }

  private async toUpdate(id: string, changes: UserChanges): Promise<DocUpdate> {
    const { displayName, totp, ...plain } = changes;
    const set: Record<string, unknown> = { ...plain };
    if (displayName !== undefined) set["displayName"] = await this.deps.codec.encode(id, displayName);
    if (totp !== undefined) set["totp"] = totp === null ? null : { ...totp, secret: await this.deps.codec.encode(id, totp.secret) };
    return { $set: set };
  }

  private async toUser(raw: unknown): Promise<User> {
    const { _id, displayName, totp, ...rest } = parseStored(UserDocSchema, COLLECTIONS.users, raw);
    const decoded = await this.deps.codec.decode(_id, displayName);
    return { ...rest, id: _id, displayName: typeof decoded === "string" ? decoded : "", totp: await this.decodeTotp(_id, totp) };
  }

  private async decodeTotp(id: string, totp: z.infer<typeof TotpDocSchema> | null): Promise<UserTotp | null> {
    if (!totp) return null;
    const secret = await this.deps.codec.decode(id, totp.secret);
    // A shredded secret reads as "" and stays enabled: sign-in then fails closed, never skips the factor.
    return { ...totp, secret: typeof secret === "string" ? secret : "" };
  }
}
