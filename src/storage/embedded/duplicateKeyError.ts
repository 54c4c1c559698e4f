/**
 * The embedded backend's unique-index violation, shaped like the server's so that repositories
 * handle both backends with one check (`code === 11000`). Unlike the server's message, this one
 * names the index but never the duplicated value, which may be personal data.
 */
export class DuplicateKeyError extends Error {
  readonly code = 11000;
  readonly keyPattern: Readonly<Record<string, 1 | -1>>;
  readonly indexName: string;

  constructor(collection: string, indexName: string, keyPattern: Readonly<Record<string, 1 | -1>>) {
    super(`E11000 duplicate key error collection: ${collection} index: ${indexName}`);
    this.name = "DuplicateKeyError";
    this.indexName = indexName;
    this.keyPattern = keyPattern;
  }
}
