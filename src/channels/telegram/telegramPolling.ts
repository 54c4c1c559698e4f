/**
 * Development mode (`TELEGRAM_MODE=polling`): long-polls `getUpdates` and feeds every update through
 * the same translation and sink as the webhook, so no public URL is needed. The offset moves past an
 * update only once it is stored; when the store fails, the same updates are fetched again after a
 * pause. `stop()` lets the call in flight finish (at most the poll timeout) and resolves when the
 * loop has ended.
 */
import { GrammyError, type Api } from "grammy";
import { notify } from "../http/webhookNotice.js";
import { receiveTelegramUpdate, type TelegramReceiveOptions } from "./receiveTelegramUpdate.js";
import { createTelegramApi } from "./telegramApi.js";

export interface TelegramPollingOptions extends TelegramReceiveOptions {
  readonly token: string;
  readonly apiRoot?: string;
  /** How long Telegram holds a getUpdates call open when there is nothing new; default 25 s. */
  readonly pollTimeoutSeconds?: number;
  /** Pause after a failed call or a failed store; default 1 s (a 429's retry_after wins). */
  readonly retryDelayMs?: number;
  /** getUpdates is refused while a webhook is set; default true (pending updates are kept). */
  readonly deleteWebhook?: boolean;
}

export interface TelegramPolling {
  stop(): Promise<void>;
}

class Poller {
  private stopped = false;
  private wake: (() => void) | undefined;
  private offset: number | undefined;

  constructor(
    private readonly api: Api,
    private readonly options: TelegramPollingOptions,
  ) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    if (this.options.deleteWebhook ?? true) await this.attempt(() => this.api.deleteWebhook({ drop_pending_updates: false }));
    while (!this.stopped) {
      const updates = await this.attempt(() =>
        this.api.getUpdates({ offset: this.offset, timeout: this.options.pollTimeoutSeconds ?? 25, allowed_updates: ["message", "callback_query"] }),
      );
      for (const update of updates ?? []) {
        if ((await receiveTelegramUpdate(update, this.options)) === "unavailable") {
          await this.pause(this.options.retryDelayMs ?? 1000);
          break;
        }
        this.offset = update.update_id + 1;
      }
    }
  }

  private async attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      notify(this.options.onNotice, { channel: "telegram", kind: "unavailable", reason: retryAfter !== undefined ? "RATE_LIMITED" : "POLL_FAILED" });
      await this.pause(retryAfter !== undefined ? retryAfter * 1000 : (this.options.retryDelayMs ?? 1000));
      return undefined;
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export function startTelegramPolling(options: TelegramPollingOptions): TelegramPolling {
  const pollTimeout = options.pollTimeoutSeconds ?? 25;
  const api = createTelegramApi({ token: options.token, apiRoot: options.apiRoot, timeoutSeconds: pollTimeout + 10 });
  const poller = new Poller(api, options);
  const loop = poller.run().catch(() => {
    // Every step already handles its own errors; this only keeps a bug from becoming an unhandled rejection.
    notify(options.onNotice, { channel: "telegram", kind: "unavailable", reason: "POLLING_STOPPED" });
  });
  return {
    stop: async () => {
      poller.stop();
      await loop;
    },
  };
}
