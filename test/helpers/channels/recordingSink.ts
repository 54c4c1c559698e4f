/**
 * An in-memory `InboundSink` that records what the adapters hand over, reports redeliveries of the
 * same (channel, message id) as duplicates like the inbox does, and can be made to fail (store down).
 */
import type { DeliveryStatus, InboundEnvelope, InboundSink } from "../../../src/ports/channelPort.js";

export class RecordingSink implements InboundSink {
  readonly envelopes: InboundEnvelope[] = [];
  readonly statuses: DeliveryStatus[] = [];
  readonly duplicates: InboundEnvelope[] = [];
  /** While true, every call throws, as a store that is down would. */
  failing = false;
  private readonly seen = new Set<string>();

  async receive(envelope: InboundEnvelope): Promise<"stored" | "duplicate"> {
    if (this.failing) throw new Error("store unavailable");
    const key = `${envelope.channel}:${envelope.channelMessageId}`;
    if (this.seen.has(key)) {
      this.duplicates.push(envelope);
      return "duplicate";
    }
    this.seen.add(key);
    this.envelopes.push(envelope);
    return "stored";
  }

  async status(report: DeliveryStatus): Promise<void> {
    if (this.failing) throw new Error("store unavailable");
    this.statuses.push(report);
  }

  get untouched(): boolean {
    return this.envelopes.length === 0 && this.statuses.length === 0 && this.duplicates.length === 0;
  }
}
