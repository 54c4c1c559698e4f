/**
 * One Server-Sent Events connection carrying named events: a conversation's live transcript lines
 * (`event: line`), or "the queue changed" signals (`event: changed`). Events that arrive while the
 * subscription is being set up are held and sent once the stream is open; a comment ping keeps
 * proxies from closing an idle connection; closing (by the client, or by the server shutting down)
 * clears the timer and unsubscribes, exactly once.
 */
import { EVENT_STREAM_HEADERS } from "../../channels/http/eventStreamHeaders.js";
import type { FastifyReply } from "fastify";

export class EventStream<T> {
  private pending: T[] | undefined = [];
  private reply: FastifyReply | undefined;
  private cleanup: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly keepAliveMs: number,
    private readonly event: string,
  ) {}

  /** The listener to hand to `queue.watch` or `queue.watchQueue`. */
  readonly send = (data: T): void => {
    if (this.closed) return;
    if (this.pending) this.pending.push(data);
    else this.write(`event: ${this.event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  /** Takes over the response (Fastify sends nothing more) and starts streaming. */
  open(reply: FastifyReply, unsubscribe: () => void, onClose: () => void): void {
    let done = false;
    this.cleanup = () => {
      if (done) return;
      done = true;
      this.closed = true;
      clearInterval(keepAlive);
      unsubscribe();
      onClose();
    };
    const keepAlive = setInterval(() => this.write(": ping\n\n"), this.keepAliveMs);
    this.reply = reply;
    reply.raw.on("close", () => this.cleanup?.());
    // The client may have left while the subscription was being set up: 'close' has then fired already.
    if (reply.raw.destroyed || reply.request.raw.socket.destroyed) {
      this.cleanup();
      return;
    }
    reply.hijack();
    reply.raw.writeHead(200, EVENT_STREAM_HEADERS);
    this.write(": connected\n\n");
    const held = this.pending ?? [];
    this.pending = undefined;
    for (const data of held) this.send(data);
  }

  /** Ends the stream from the server's side (shutdown). */
  end(): void {
    this.reply?.raw.end();
    this.cleanup?.();
  }

  private write(chunk: string): void {
    if (!this.closed) this.reply?.raw.write(chunk);
  }
}
