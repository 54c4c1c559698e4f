/**
 * grammY's `Api` pointed at the Bot API root from configuration: the real one in production, a local
 * fake Bot API server on 127.0.0.1 in tests and development.
 */
import { Api } from "grammy";
import { telegramFetch } from "./telegramFetch.js";

export const TELEGRAM_DEFAULT_API_ROOT = "https://api.telegram.org";

export interface TelegramApiOptions {
  readonly token: string;
  /** Default the real Bot API. A trailing slash is removed (grammY refuses it). */
  readonly apiRoot?: string;
  /**
   * Longest any call may take before grammY aborts it; default 10 s, so that a hanging Bot API cannot
   * hold the sender. Long polling needs more than its poll timeout and sets its own.
   */
  readonly timeoutSeconds?: number;
}

export function createTelegramApi(options: TelegramApiOptions): Api {
  const apiRoot = (options.apiRoot ?? TELEGRAM_DEFAULT_API_ROOT).replace(/\/+$/, "");
  const timeoutSeconds = options.timeoutSeconds ?? 10;
  return new Api(options.token, { apiRoot, timeoutSeconds, fetch: telegramFetch((timeoutSeconds + 5) * 1000) });
}
