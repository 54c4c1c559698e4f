/**
 * `kinlink telegram set-webhook [--url URL]` registers kinlink's webhook with the Bot API, with the
 * secret Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`; `kinlink telegram webhook-info` shows
 * what Telegram has (URL, pending updates, last error). Neither prints the token or the secret.
 * Exit codes: 0 done, 1 the Bot API refused or could not be reached, 2 usage or configuration.
 */
import { parseArgs } from "node:util";
import { GrammyError } from "grammy";
import { createTelegramApi } from "../channels/telegram/telegramApi.js";
import { TELEGRAM_SECRET_PATTERN } from "../channels/telegram/telegramWebhook.js";

export interface TelegramCommandEnv {
  /** TELEGRAM_BOT_TOKEN */
  readonly token?: string;
  /** TELEGRAM_API_ROOT (default the real Bot API) */
  readonly apiRoot?: string;
  /** TELEGRAM_WEBHOOK_SECRET */
  readonly secret?: string;
  /** The public URL of POST /webhooks/telegram; `--url` overrides it. */
  readonly url?: string;
}

const USAGE = `Usage:
  kinlink telegram set-webhook [--url https://example.org/webhooks/telegram]
  kinlink telegram webhook-info`;

function failure(error: unknown): string {
  // Telegram's description says what is wrong with the URL or token; it holds no personal data.
  return error instanceof GrammyError ? `${error.error_code} ${error.description}` : "the Bot API could not be reached";
}

function usageError(out: (line: string) => void, message: string): number {
  out(message);
  return 2;
}

async function setWebhook(args: readonly string[], env: TelegramCommandEnv, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { url: { type: "string" } } });
  const url = values.url ?? env.url;
  if (!env.token) return usageError(out, "TELEGRAM_BOT_TOKEN is not set");
  if (!env.secret || !TELEGRAM_SECRET_PATTERN.test(env.secret)) return usageError(out, "TELEGRAM_WEBHOOK_SECRET must be set: 1-256 characters of A-Z, a-z, 0-9, _ and -");
  if (!url || !URL.canParse(url)) return usageError(out, `a webhook URL is needed (--url)\n\n${USAGE}`);
  const api = createTelegramApi({ token: env.token, apiRoot: env.apiRoot });
  try {
    await api.setWebhook(url, { secret_token: env.secret, allowed_updates: ["message", "callback_query"], drop_pending_updates: false });
  } catch (error) {
    out(`setWebhook failed: ${failure(error)}`);
    return 1;
  }
  out(`Telegram webhook set to ${url}`);
  return 0;
}

async function webhookInfo(env: TelegramCommandEnv, out: (line: string) => void): Promise<number> {
  if (!env.token) return usageError(out, "TELEGRAM_BOT_TOKEN is not set");
  try {
    const info = await createTelegramApi({ token: env.token, apiRoot: env.apiRoot }).getWebhookInfo();
    out(`url: ${info.url === "" ? "(none: polling)" : info.url}`);
    out(`pending updates: ${info.pending_update_count}`);
    if (info.last_error_message) out(`last error: ${info.last_error_message}`);
    return 0;
  } catch (error) {
    out(`getWebhookInfo failed: ${failure(error)}`);
    return 1;
  }
}

export async function telegramCommand(argv: readonly string[], env: TelegramCommandEnv, out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "set-webhook") return setWebhook(rest, env, out);
  if (sub === "webhook-info") return webhookInfo(env, out);
  out(USAGE);
  return 2;
}
