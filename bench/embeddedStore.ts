/**
 * Throughput of the embedded store under the inbound-message write pattern: per message, record it
 * in the inbox, find or create the conversation, save the state with one queued reply, move the
 * reply to the outbox, clear it, and mark the message processed (6 writes, 1 read).
 *
 *   node --import tsx bench/embeddedStore.ts [messages=20000] [concurrency=200]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../src/storage/openStore.js";

const total = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 200);
const dir = await mkdtemp(join(tmpdir(), "kinlink-bench-"));
const store = await openStore({ kind: "embedded", dataDir: dir, hashSecret: "bench-secret-0123456789abcdef", ttlSweepIntervalMs: 0 });
const users = 2_000;

async function handle(n: number): Promise<void> {
  const channelUserId = `+1555${String(n % users).padStart(7, "0")}`;
  const now = new Date();
  const conversation = await store.conversations.findOrCreate({ channel: "whatsapp", channelUserId, expiresAt: new Date(now.getTime() + 864e5) });
  const recorded = await store.inbox.record({ channel: "whatsapp", channelMessageId: `wamid.${n}`, channelUserId, conversationId: conversation.id, subjectId: conversation.subjectId, payload: { text: "hello there" }, sentAt: now, receivedAt: now });
  if (recorded.duplicate) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = (await store.conversations.get(conversation.id)) ?? conversation;
    try {
      const reply = { id: `out.${n}`, sequence: n, content: { text: "What is your name?" } };
      const saved = await store.conversations.save(current, { state: { step: n }, lastInboundAt: now }, [reply]);
      await store.outbox.enqueue([{ ...reply, channel: "whatsapp", channelUserId, conversationId: saved.id, subjectId: saved.subjectId, createdAt: now }]);
      await store.conversations.clearPendingOutbound(saved.id, [reply.id]);
      break;
    } catch (error) {
      if (!(typeof error === "object" && error !== null && "code" in error && error.code === "CONVERSATION_VERSION_CONFLICT")) throw error;
    }
  }
  await store.inbox.markProcessed(recorded.message.id, new Date());
}

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) await handle(next++);
  }),
);
const seconds = (performance.now() - started) / 1000;
console.log(`${total} messages in ${seconds.toFixed(2)} s: ${Math.round(total / seconds)} messages/s (concurrency ${concurrency})`);

const inserts = 20_000;
const raw = store.db.collection("bench_raw");
const t0 = performance.now();
await Promise.all(Array.from({ length: inserts }, (_, i) => raw.insertOne({ _id: i, at: new Date(), text: "x".repeat(100) })));
const insertSeconds = (performance.now() - t0) / 1000;
console.log(`${inserts} concurrent insertOne in ${insertSeconds.toFixed(2)} s: ${Math.round(inserts / insertSeconds)} inserts/s`);
const t1 = performance.now();
await store.close();
console.log(`close (final snapshot) ${(performance.now() - t1).toFixed(0)} ms`);
const t2 = performance.now();
const reopened = await openStore({ kind: "embedded", dataDir: dir, hashSecret: "bench-secret-0123456789abcdef", ttlSweepIntervalMs: 0 });
console.log(`reopen (recovery) ${(performance.now() - t2).toFixed(0)} ms`);
await reopened.close();
await rm(dir, { recursive: true, force: true });
