/**
 * The caseworker queue at scale: N open escalations inserted through the store (the repository's
 * `open`, as triage does), then the use cases a caseworker's screen calls timed: `queue.list` (first
 * page of 50), `queue.claim` of the head of the queue (each by another caseworker: capacity is per
 * person), plus the store queries under them and the SLA sweep's query (the sweeper runs it every 2 s).
 */
import type { Kinlink } from "../src/main.js";
import type { RiskCategory, RiskLevel } from "../src/domain/risk.js";
import { summarize, type Summary } from "./stats.js";

export interface QueueFigures {
  readonly escalations: number;
  readonly insertSeconds: number;
  readonly list: Summary;
  readonly claim: Summary;
  readonly storeListQueue: Summary;
  readonly storeCountQueue: Summary;
  readonly slaBreachQuery: Summary;
  readonly rssAfterInsert: number;
}

const LEVELS: readonly { level: RiskLevel; categories: RiskCategory[] }[] = [
  { level: "high", categories: ["self_harm"] },
  { level: "high", categories: ["immediate_danger", "physical_violence"] },
  { level: "medium", categories: ["unaccompanied"] },
  { level: "medium", categories: ["neglect"] },
  { level: "low", categories: ["unaccompanied"] },
];

async function time(runs: number, action: (i: number) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function measureQueue(kinlink: Kinlink, total: number): Promise<QueueFigures> {
  const { conversations, escalations } = kinlink.store;
  // The handoff and claim read the family's conversation: a pool of real ones (web playground sessions).
  const pool: { id: string; subjectId: string }[] = [];
  for (let i = 0; i < 1_000; i++) {
    const c = await conversations.findOrCreate({ channel: "web", channelUserId: `queue-bench-${i}`, expiresAt: new Date(Date.now() + 30 * 864e5) });
    pool.push({ id: c.id, subjectId: c.subjectId });
  }
  const started = performance.now();
  const BATCH = 2_000;
  for (let from = 0; from < total; from += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, total - from) }, (_, k) => {
        const i = from + k;
        const conversation = pool[i % pool.length] ?? { id: "none", subjectId: "none" };
        const risk = LEVELS[i % LEVELS.length] ?? { level: "low" as const, categories: [] };
        return escalations.open({ conversationId: conversation.id, subjectId: conversation.subjectId, organisation: "bench", caseId: null, riskLevel: risk.level, riskCategories: risk.categories, reasons: [`bench:${i}`] });
      }),
    );
  }
  const insertSeconds = (performance.now() - started) / 1000;
  const rssAfterInsert = process.memoryUsage().rss;
  const actor = (i: number) => ({ userId: `caseworker-${i}`, role: "caseworker" as const, organisation: "bench" });

  const list = await time(20, () => kinlink.queue.list(actor(0), { limit: 50 }));
  const storeListQueue = await time(20, () => escalations.listQueue({ limit: 50 }));
  const storeCountQueue = await time(10, () => escalations.countQueue());
  const slaBreachQuery = await time(10, () => escalations.listSlaBreaches(new Date(), 50));
  const claim = await time(20, async (i) => {
    // The caseworker's screen shows claimed ones too; the head of what can be claimed:
    const [head] = await escalations.listQueue({ limit: 1 });
    if (!head) throw new Error("the queue is empty");
    await kinlink.queue.claim(actor(1000 + i), head.id);
  });
  return { escalations: total, insertSeconds, list, claim, storeListQueue, storeCountQueue, slaBreachQuery, rssAfterInsert };
}
