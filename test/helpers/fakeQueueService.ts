/**
 * A QueueService for testing the API: records who called what, answers with canned rows, fails on
 * demand with a QueueError, and lets a test push live transcript lines to watchers.
 */
import type { Actor, Handoff, QueueCount, QueueItem, QueueOutcome, QueueService, TranscriptLine, TranslatedLine } from "../../src/app/queue/queueService.js";
import { QueueError, type QueueErrorCode } from "../../src/app/queue/queueService.js";
import type { QuickReply } from "../../src/app/queue/quickReplies.js";

export function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: "esc-1",
    status: "pending",
    riskLevel: "high",
    riskCategories: ["self_harm"],
    reasons: ["text:en:self_harm.wish_to_die"],
    priority: 7,
    assignee: null,
    slaDueAt: "2025-03-01T10:00:00.000Z",
    slaBreached: false,
    createdAt: "2025-03-01T09:00:00.000Z",
    channel: "web",
    language: "en",
    ...overrides,
  };
}

export interface FakeCall {
  readonly method: keyof QueueService;
  readonly actor: Actor;
  readonly args: readonly unknown[];
}

export class FakeQueueService implements QueueService {
  readonly calls: FakeCall[] = [];
  items: QueueItem[] = [queueItem(), queueItem({ id: "esc-2", riskLevel: "medium", riskCategories: ["neglect"], reasons: ["rule:intake.child_alone"], priority: 4 })];
  /** The next call throws this code (then it is cleared). */
  failNext: QueueErrorCode | undefined;
  private readonly watchers = new Map<string, Set<(line: TranscriptLine) => void>>();
  unsubscribed = 0;

  private record(method: keyof QueueService, actor: Actor, ...args: unknown[]): void {
    this.calls.push({ method, actor, args });
    const code = this.failNext;
    this.failNext = undefined;
    if (code) throw new QueueError(code, `fake ${code}`);
  }

  private find(id: string): QueueItem {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) throw new QueueError("NOT_FOUND", `escalation ${id} not found`);
    return item;
  }

  async list(actor: Actor, page: { readonly limit: number; readonly skip?: number }): Promise<QueueItem[]> {
    this.record("list", actor, page);
    return this.items.slice(page.skip ?? 0, (page.skip ?? 0) + page.limit);
  }

  async count(actor: Actor): Promise<QueueCount> {
    this.record("count", actor);
    return { listed: this.items.length, waiting: this.items.filter((item) => item.status !== "claimed").length };
  }

  async handoff(actor: Actor, id: string): Promise<Handoff> {
    this.record("handoff", actor, id);
    return {
      escalation: this.find(id),
      answers: { age: 12 },
      flags: [{ rule: "text:en:self_harm.wish_to_die", category: "self_harm", level: "high", disputed: false }],
      transcript: [{ at: "2025-03-01T09:00:00.000Z", from: "person", text: "I want to die" }],
      recipient: { language: "en", audience: null },
    };
  }

  private async change(method: keyof QueueService, actor: Actor, id: string, changes: Partial<QueueItem>, ...args: unknown[]): Promise<QueueItem> {
    this.record(method, actor, id, ...args);
    return { ...this.find(id), ...changes };
  }

  claim(actor: Actor, id: string): Promise<QueueItem> {
    return this.change("claim", actor, id, { status: "claimed", assignee: actor.userId });
  }
  release(actor: Actor, id: string): Promise<QueueItem> {
    return this.change("release", actor, id, { status: "released", assignee: null });
  }
  transfer(actor: Actor, id: string, to: string): Promise<QueueItem> {
    return this.change("transfer", actor, id, { assignee: to }, to);
  }
  resolve(actor: Actor, id: string, outcome: QueueOutcome): Promise<QueueItem> {
    return this.change("resolve", actor, id, { status: "resolved" }, outcome);
  }
  handBack(actor: Actor, id: string): Promise<QueueItem> {
    return this.change("handBack", actor, id, { status: "resolved" });
  }

  async reply(actor: Actor, id: string, text: string): Promise<void> {
    this.record("reply", actor, id, text);
    this.find(id);
    this.emit(id, { at: "2025-03-01T09:05:00.000Z", from: "caseworker", text, by: actor.userId });
  }

  async replyQuick(actor: Actor, id: string, quick: QuickReply): Promise<void> {
    this.record("replyQuick", actor, id, quick);
    this.find(id);
    this.emit(id, { at: "2025-03-01T09:05:00.000Z", from: "caseworker", text: `[quick] ${quick}`, by: actor.userId });
  }

  async watch(actor: Actor, id: string, listener: (line: TranscriptLine) => void): Promise<() => void> {
    this.record("watch", actor, id);
    this.find(id);
    const set = this.watchers.get(id) ?? new Set();
    set.add(listener);
    this.watchers.set(id, set);
    return () => {
      set.delete(listener);
      this.unsubscribed += 1;
    };
  }

  async translate(actor: Actor, id: string, to: string): Promise<readonly TranslatedLine[]> {
    this.record("translate", actor, id, to);
    this.find(id);
    return [{ at: "2025-03-01T09:00:00.000Z", from: "person", text: "je veux mourir", translation: `[${to}] I want to die` }];
  }

  private readonly queueWatchers = new Set<() => void>();

  watchQueue(actor: Actor, listener: () => void): () => void {
    this.calls.push({ method: "watchQueue", actor, args: [] });
    this.queueWatchers.add(listener);
    return () => {
      this.queueWatchers.delete(listener);
      this.unsubscribed += 1;
    };
  }

  /** Tells queue watchers that the queue changed. */
  changeQueue(): void {
    for (const listener of this.queueWatchers) listener();
  }

  queueWatcherCount(): number {
    return this.queueWatchers.size;
  }

  watcherCount(id: string): number {
    return this.watchers.get(id)?.size ?? 0;
  }

  emit(id: string, line: TranscriptLine): void {
    for (const listener of this.watchers.get(id) ?? []) listener(line);
  }
}
