/**
 * Transcript lines, one document each (append-only, no rewrite of a growing array), text through the
 * field codec. Kept for the retention period, then expired by the TTL index; erased on request.
 */
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import type { TranscriptEntry, TranscriptStore } from "../../ports/transcriptStore.js";
import type { FieldCodec } from "../fieldCodec.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";

/** How long a conversation's words are kept for caseworkers (a deployment may shorten it). */
export const TRANSCRIPT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

const TranscriptDocSchema = z.object({
  _id: z.string(),
  conversationId: z.string(),
  subjectId: z.string(),
  from: z.enum(["person", "bot", "caseworker"]),
  text: z.unknown(),
  by: z.string().nullable(),
  at: z.date(),
  seq: z.number(),
});

export class TranscriptRepository implements TranscriptStore {
  private readonly collection;
  private seq = 0;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.transcripts);
  }

  async append(entries: readonly TranscriptEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.collection.insertOne({
        _id: this.deps.ids.uuid(),
        conversationId: entry.conversationId,
        subjectId: entry.subjectId,
        from: entry.from,
        text: await this.deps.codec.encode(entry.subjectId, entry.text),
        by: entry.by ?? null,
        at: entry.at,
        // Lines written in the same millisecond keep their order.
        seq: entry.at.getTime() * 1000 + (this.seq++ % 1000),
        expiresAt: new Date(entry.at.getTime() + TRANSCRIPT_RETENTION_MS),
      });
    }
  }

  async list(conversationId: string, limit: number): Promise<TranscriptEntry[]> {
    const docs = await this.collection.find({ conversationId }, { sort: { seq: -1 }, limit }).toArray();
    const entries = await Promise.all(
      docs.map(async (raw) => {
        const doc = parseStored(TranscriptDocSchema, COLLECTIONS.transcripts, raw);
        const text = await this.deps.codec.decode(doc.subjectId, doc.text);
        return {
          conversationId: doc.conversationId,
          subjectId: doc.subjectId,
          from: doc.from,
          text: typeof text === "string" ? text : "",
          ...(doc.by ? { by: doc.by } : {}),
          at: doc.at,
        };
      }),
    );
    return entries.reverse();
  }

  async deleteForConversation(conversationId: string): Promise<number> {
    return (await this.collection.deleteMany({ conversationId })).deletedCount;
  }
}
