/**
 * Botpress webchat. A thin relay bot in Botpress Cloud posts each user turn to kinlink and renders
 * what comes back in the HTTP response; messages that come later (a caseworker's reply, a retried
 * delivery) are pushed with @botpress/client `createMessage`. No dialog logic, risk or data lives
 * in Botpress beyond the chat itself.
 */
import { Client } from "@botpress/client";
import type { ChannelSender, DeliveryResult, OutboundContent } from "../../ports/channelPort.js";

export interface BotpressSenderOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly botId: string;
  readonly timeoutMs?: number;
}

/** Collects the replies of a turn that a relay request is waiting for. */
export class TurnCollector {
  private readonly waiting = new Map<string, OutboundContent[]>();

  open(conversationId: string): void {
    this.waiting.set(conversationId, []);
  }

  /** Takes a reply if a relay request for the conversation is open. */
  offer(conversationId: string, content: OutboundContent): boolean {
    const list = this.waiting.get(conversationId);
    if (!list) return false;
    list.push(content);
    return true;
  }

  close(conversationId: string): OutboundContent[] {
    const list = this.waiting.get(conversationId) ?? [];
    this.waiting.delete(conversationId);
    return list;
  }
}

function payloadFor(content: OutboundContent): { type: string; payload: Record<string, unknown> } {
  const text = content.hint ? `${content.text}\n\n${content.hint}` : content.text;
  if (content.choices.length > 0 && !content.multiple) {
    return { type: "choice", payload: { text, options: content.choices.map((c) => ({ label: c.label, value: c.id })) } };
  }
  return { type: "text", payload: { text } };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = "code" in error ? error.code : undefined;
  return typeof code === "number" ? code : undefined;
}

export class BotpressSender implements ChannelSender {
  readonly channel = "botpress" as const;
  readonly collector = new TurnCollector();
  private readonly client: Client;

  constructor(private readonly options: BotpressSenderOptions) {
    this.client = new Client({ apiUrl: options.apiUrl, token: options.token, botId: options.botId, timeout: options.timeoutMs ?? 10_000 });
  }

  async deliver(conversationId: string, content: OutboundContent): Promise<DeliveryResult> {
    if (this.collector.offer(conversationId, content)) return { status: "sent", channelMessageId: `botpress-relay-${Date.now()}` };
    try {
      const { type, payload } = payloadFor(content);
      const { message } = await this.client.createMessage({ conversationId, userId: this.options.botId, type, payload, tags: {} });
      return { status: "sent", channelMessageId: message.id };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return { status: "failed", code: "CONVERSATION_NOT_FOUND" };
      if (status === 401 || status === 403) return { status: "retry", code: "BOTPRESS_UNAUTHORIZED" };
      return { status: "retry", code: status ? `HTTP_${status}` : "BOTPRESS_UNREACHABLE" };
    }
  }
}
