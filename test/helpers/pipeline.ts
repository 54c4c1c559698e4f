/**
 * Message pipelines over one store, for tests: a recording web-like sender that can be told to fail,
 * and as many app "instances" (worker + receiver, each with its own lease owner id) as a test wants.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConversationWorker } from "../../src/app/inbound/conversationWorker.js";
import { Receiver } from "../../src/app/inbound/receiver.js";
import type { PipelineDeps } from "../../src/app/pipelineDeps.js";
import type { ChannelSender, DeliveryResult, InboundEnvelope, OutboundContent } from "../../src/ports/channelPort.js";
import type { Clock } from "../../src/ports/clock.js";
import { openStore, type OpenedStore } from "../../src/storage/openStore.js";
import { projectContent } from "./project.js";

export class RecordingSender implements ChannelSender {
  readonly channel = "web" as const;
  readonly delivered: { to: string; content: OutboundContent }[] = [];
  /** Results to give before delivering normally, e.g. a 429 then a 500. */
  readonly script: DeliveryResult[] = [];
  attempts = 0;

  async deliver(to: string, content: OutboundContent): Promise<DeliveryResult> {
    this.attempts++;
    const scripted = this.script.shift();
    if (scripted) return scripted;
    this.delivered.push({ to, content });
    return { status: "sent", channelMessageId: `sent-${this.delivered.length}` };
  }

  textsFor(to: string): string[] {
    return this.delivered.filter((d) => d.to === to).map((d) => d.content.text);
  }
}

export class MovableClock implements Clock {
  constructor(private time = new Date("2026-03-01T10:00:00.000Z")) {}
  now(): Date {
    return new Date(this.time.getTime());
  }
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export interface Instance {
  readonly deps: PipelineDeps;
  readonly worker: ConversationWorker;
  readonly receiver: Receiver;
}

export const content = projectContent();

export async function openTestStore(clock: Clock, dataDir = mkdtempSync(join(tmpdir(), "kinlink-pipeline-"))): Promise<OpenedStore> {
  return openStore({ kind: "embedded", dataDir, hashSecret: "test-secret-test-secret-test-secret", clock });
}

/** `soleInstance`: the only app on the store, as `kinlink start` on the embedded store is. */
export function instance(store: OpenedStore, sender: RecordingSender, clock: Clock, instanceId: string, options: { readonly soleInstance?: boolean } = {}): Instance {
  const deps: PipelineDeps = { content, stores: store, senders: new Map([["web", sender]]), clock, instanceId, random: () => 0.5, ...options };
  const worker = new ConversationWorker(deps);
  return { deps, worker, receiver: new Receiver(deps, worker) };
}

let n = 0;
export function envelope(person: string, text: string, sentAt: Date): InboundEnvelope {
  return { channel: "web", channelMessageId: `m-${++n}`, channelUserId: person, input: { type: "text", text }, sentAt, hints: {} };
}
