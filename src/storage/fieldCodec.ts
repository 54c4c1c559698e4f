/**
 * The one place identifying values pass on their way to and from storage. Every repository encodes
 * names, channel user ids, phone numbers, locations, free text, message payloads and session state
 * through a FieldCodec, together with the `subjectId` of the person the value is about.
 *
 * Today's codec stores plaintext. The seam is shaped for encryption at rest with one key per
 * person: `encode(subjectId, value)` will encrypt under that person's key (async, for a key store
 * or KMS), and erasing a person will delete their key ("crypto-shredding"), after which `decode`
 * of their values yields ERASED_VALUE. Callers and repositories do not change when that lands.
 */

/** What `decode` returns once a person's key has been shredded. */
export const ERASED_VALUE = null;

export interface FieldCodec {
  encode(subjectId: string, value: unknown): Promise<unknown>;
  decode(subjectId: string, stored: unknown): Promise<unknown>;
}

/** Stores values as they are. */
export const plaintextFieldCodec: FieldCodec = {
  encode: (_subjectId, value) => Promise.resolve(value),
  decode: (_subjectId, stored) => Promise.resolve(stored),
};
