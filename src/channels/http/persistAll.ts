/**
 * Hands translated messages to the sink one by one, in the channel's order, before the webhook is
 * acknowledged. If the store fails part-way, the channel redelivers the whole batch and the inbox
 * reports the ones already stored as duplicates, so nothing is lost and nothing is doubled.
 */
import type { DeliveryStatus, InboundEnvelope, InboundSink } from "../../ports/channelPort.js";

export async function persistAll(sink: InboundSink, envelopes: readonly InboundEnvelope[], statuses: readonly DeliveryStatus[] = []): Promise<boolean> {
  try {
    for (const envelope of envelopes) await sink.receive(envelope);
    for (const status of statuses) await sink.status(status);
    return true;
  } catch {
    // The error may quote stored data; the caller answers 503 and reports a code only.
    return false;
  }
}
