import { describe, expect, it } from "@jest/globals";
import type { Collection, Db, ObjectId } from "mongodb";
import type { DocCollection, StoredDoc } from "../../../src/ports/docCollection.js";

interface Probe {
  _id: string;
  at: Date;
  ref: ObjectId;
  tags: string[];
  nested: { n: number };
}

/** Compile-time only: `npx tsc` fails if the driver's Collection stops satisfying the port. */
export function driverCollectionSatisfiesPort(collection: Collection<Probe>): DocCollection<Probe> {
  return collection;
}

export function driverDbSatisfiesPort(db: Db, name: string): DocCollection<StoredDoc> {
  return db.collection<StoredDoc>(name);
}

describe("DocCollection port", () => {
  it("is satisfied by the driver's Collection (checked by tsc)", () => {
    expect(typeof driverCollectionSatisfiesPort).toBe("function");
  });
});
