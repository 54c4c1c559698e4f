/** Console users. The display name is identifying and goes through the codec under the user's id. */
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { DuplicateRecordError } from "../../ports/storeErrors.js";
import type { User, UserStore } from "../../ports/userStore.js";
import type { FieldCodec } from "../fieldCodec.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

const UserDocSchema = z.object({
  _id: z.string(),
  username: z.string(),
  displayName: z.unknown(),
  role: z.string(),
  organisation: z.string(),
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.date(),
});

export class UserRepository implements UserStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.users);
  }

  async create(user: Omit<User, "id" | "createdAt">): Promise<User> {
    const id = this.deps.ids.uuid();
    const doc: z.infer<typeof UserDocSchema> = {
      ...user,
      _id: id,
      displayName: await this.deps.codec.encode(id, user.displayName),
      createdAt: this.deps.clock.now(),
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateRecordError(COLLECTIONS.users, "username");
      throw error;
    }
    return { ...user, id, createdAt: doc.createdAt };
  }

  async get(id: string): Promise<User | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toUser(doc) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const doc = await this.collection.findOne({ username });
    return doc ? this.toUser(doc) : null;
  }

  private async toUser(raw: unknown): Promise<User> {
    const { _id, displayName, ...rest } = parseStored(UserDocSchema, COLLECTIONS.users, raw);
    const decoded = await this.deps.codec.decode(_id, displayName);
    return { ...rest, id: _id, displayName: typeof decoded === "string" ? decoded : "" };
  }
}
