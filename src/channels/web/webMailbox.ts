/**
 * The web playground's "channel API": delivered messages wait in a per-session mailbox that the
 * browser reads with Server-Sent Events, resuming from the last id it saw, so a reconnect loses
 * nothing. In memory, per process: the playground is for trying dialogs, not for families; messages
 * older than the limit are dropped first.
 */
import type { ChannelSender, DeliveryResult, OutboundContent } from "../../ports/channelPort.js";

export interface MailboxEntry {
  readonly id: number;
  readonly content: OutboundContent;
}

type Listener = (entry: MailboxEntry) => void;

const MAX_SESSIONS = 1_000;
const MAX_PER_SESSION = 200;

export class WebMailbox implements ChannelSender {
  readonly channel = "web" as const;
  private readonly boxes = new Map<string, MailboxEntry[]>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private nextId = 1;

  async deliver(channelUserId: string, content: OutboundContent): Promise<DeliveryResult> {
    const entry = { id: this.nextId++, content };
    const box = this.boxes.get(channelUserId) ?? [];
    box.push(entry);
    if (box.length > MAX_PER_SESSION) box.shift();
    this.boxes.delete(channelUserId); // re-insert: the Map's order is least recently used first
    this.boxes.set(channelUserId, box);
    if (this.boxes.size > MAX_SESSIONS) {
      const oldest = this.boxes.keys().next().value;
      if (oldest !== undefined) this.boxes.delete(oldest);
    }
    for (const listener of this.listeners.get(channelUserId) ?? []) listener(entry);
    return { status: "sent", channelMessageId: `web-${entry.id}` };
  }

  /** Messages after `afterId`, then every new one until the returned function is called. */
  subscribe(channelUserId: string, afterId: number, listener: Listener): () => void {
    for (const entry of this.boxes.get(channelUserId) ?? []) if (entry.id > afterId) listener(entry);
    const set = this.listeners.get(channelUserId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(channelUserId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(channelUserId);
    };
  }
}
