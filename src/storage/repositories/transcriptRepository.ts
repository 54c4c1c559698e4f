/**
 * Transcript lines, one document per append (a turn's lines together: the person's message and the
 * bot's replies cost one write, not one each), append-only (no rewrite of a growing array), text
 * through the field codec. Kept for the retention period, then expired by the TTL index; erased on
 * request. Documents of one line each, written before lines were grouped, are read as well.
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

const LineSchema = z.object({
  from: z.enum(["person", "bot", "caseworker"]),
  text: z.unknown(),
  by: z.string().nullable(),
  at: z.date(),
});

const TranscriptDocSchema = z.union([
  z.object({ _id: z.string(), conversationId: z.string(), subjectId: z.string(), lines: z.array(LineSchema), seq: z.number() }),
  LineSchema.extend({ _id: z.string(), conversationId: z.string(), subjectId: z.string(), seq: z.number() }),
]);
type TranscriptDoc = z.infer<typeof TranscriptDocSchema>;

export class TranscriptRepository implements TranscriptStore {
  private readonly collection;
  private seq = 0;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.transcripts);
  }

  async append(entries: readonly TranscriptEntry[]): Promise<void> {
    const groups = new Map<string, TranscriptEntry[]>();
    for (const entry of entries) groups.set(entry.conversationId, [...(groups.get(entry.conversationId) ?? []), entry]);
    for (const group of groups.values()) await this.insertGroup(group);
  }

  async list(conversationId: string, limit: number): Promise<TranscriptEntry[]> {
    // Every document holds at least one line: `limit` documents hold the latest `limit` lines.
    const docs = await this.collection.find({ conversationId }, { sort: { seq: -1 }, limit }).toArray();
    const lines: TranscriptEntry[] = [];
    for (const raw of docs.reverse()) lines.push(...(await this.linesOf(parseStored(TranscriptDocSchema, COLLECTIONS.transcripts, raw))));
    return lines.slice(-limit);
  }

  async deleteForConversation(conversationId: string): Promise<number> {
    return (await this.collection.deleteMany({ conversationId })).deletedCount;
  }

  private async insertGroup(group: readonly TranscriptEntry[]): Promise<void> {
    const [first] = group;
    if (!first) return;
    const latest = Math.max(...group.map((entry) => entry.at.getTime()));
    await this.collection.insertOne({
      _id: this.deps.ids.uuid(),
      conversationId: first.conversationId,
      subjectId: first.subjectId,
      lines: await Promise.all(
        group.map(async (entry) => ({ from: entry.from, text: await this.deps.codec.encode(entry.subjectId, entry.text), by: entry.by ?? null, at: entry.at })),
      ),
      // Appends in the same millisecond keep their order.
      seq: latest * 1000 + (this.seq++ % 1000),
      expiresAt: new Date(latest + TRANSCRIPT_RETENTION_MS),
    });
  }

  private async linesOf(doc: TranscriptDoc): Promise<TranscriptEntry[]> {
    const lines = "lines" in doc ? doc.lines : [doc];
    return Promise.all(
      lines.map(async (line) => {
        const text = await this.deps.codec.decode(doc.subjectId, line.text);
        return {
          conversationId: doc.conversationId,
          subjectId: doc.subjectId,
          from: line.from,
          text: typeof text === "string" ? text : "",
          ...(line.by ? { by: line.by } : {}),
          at: line.at,
        };
      }),
    );
  }
}
