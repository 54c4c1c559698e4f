/**
 * Server and channel settings from the environment. A channel is on when its variables are set, and
 * setting only some of them is an error that names the missing ones (never the values: secrets).
 */
import { z } from "zod";
import { parseLlmSetting } from "../llm/llmSetting.js";

const optional = z.string().min(1).optional();
const url = z.string().url().optional();

const EnvSchema = z.object({
  KINLINK_HOST: z.string().default("127.0.0.1"),
  KINLINK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  KINLINK_PUBLIC_URL: url,
  KINLINK_INSTANCE_ID: optional,
  KINLINK_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "16-256 characters A-Z a-z 0-9 _ -").optional(),
  TELEGRAM_API_ROOT: url,
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).default("webhook"),
  /** A caseworkers' group chat that gets supervisor alerts (ids and levels only). */
  TELEGRAM_ALERT_CHAT_ID: z.string().regex(/^-?\d{1,20}$/).optional(),
  KINLINK_CASEWORKER_CAPACITY: z.coerce.number().int().min(1).max(100).default(5),
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_APP_SECRET: optional,
  WHATSAPP_VERIFY_TOKEN: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_GRAPH_URL: url,
  WHATSAPP_REOPEN_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/).default("kinlink_reopen"),
  BOTPRESS_API_URL: url,
  BOTPRESS_TOKEN: optional,
  BOTPRESS_BOT_ID: optional,
  BOTPRESS_WEBHOOK_SECRET: z.string().min(16).optional(),
  KINLINK_LLM: optional,
  KINLINK_LLM_URL: url,
  KINLINK_LLM_KEY: optional,
  KINLINK_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
});

export interface TelegramConfig {
  readonly token: string;
  readonly webhookSecret: string;
  readonly apiRoot: string;
  readonly mode: "webhook" | "polling";
  readonly alertChatId: string | undefined;
}
export interface WhatsAppConfig {
  readonly accessToken: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly phoneNumberId: string;
  readonly graphUrl: string;
  readonly reopenTemplate: string;
}
export interface BotpressConfig {
  readonly apiUrl: string;
  readonly token: string;
  readonly botId: string;
  readonly webhookSecret: string;
}

export interface LlmConfig {
  /** "openai:<model>" or "ollama:<model>". */
  readonly model: string;
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly instanceId: string | undefined;
  readonly trustProxy: boolean;
  readonly telegram: TelegramConfig | undefined;
  readonly whatsapp: WhatsAppConfig | undefined;
  readonly botpress: BotpressConfig | undefined;
  readonly llm: LlmConfig | undefined;
  readonly caseworkerCapacity: number;
}

export class ServerConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

/** All of a channel's variables, or none of them. */
function group<K extends string>(env: Partial<Record<K, string>>, channel: string, required: readonly K[]): boolean {
  const set = required.filter((name) => env[name] !== undefined);
  if (set.length === 0) return false;
  const missing = required.filter((name) => env[name] === undefined);
  if (missing.length > 0) throw new ServerConfigError(`${channel} is partly configured: set ${missing.join(", ")} too (or none of its variables)`);
  return true;
}

export function loadServerConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ServerConfigError(`invalid settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  const telegram = group(e, "Telegram", ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"] as const);
  const whatsapp = group(e, "WhatsApp", ["WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"] as const);
  const botpress = group(e, "Botpress", ["BOTPRESS_TOKEN", "BOTPRESS_BOT_ID", "BOTPRESS_WEBHOOK_SECRET"] as const);
  if (e.KINLINK_LLM !== undefined) parseLlmSetting(e.KINLINK_LLM); // fails fast with a clear message
  return Object.freeze({
    llm: e.KINLINK_LLM ? { model: e.KINLINK_LLM, baseUrl: e.KINLINK_LLM_URL, apiKey: e.KINLINK_LLM_KEY, timeoutMs: e.KINLINK_LLM_TIMEOUT_MS } : undefined,
    host: e.KINLINK_HOST,
    caseworkerCapacity: e.KINLINK_CASEWORKER_CAPACITY,
    port: e.KINLINK_PORT,
    publicUrl: e.KINLINK_PUBLIC_URL,
    instanceId: e.KINLINK_INSTANCE_ID,
    trustProxy: e.KINLINK_TRUST_PROXY === "1",
    telegram:
      telegram && e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
        ? { token: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT ?? "https://api.telegram.org", mode: e.TELEGRAM_MODE, alertChatId: e.TELEGRAM_ALERT_CHAT_ID }
        : undefined,
    whatsapp:
      whatsapp && e.WHATSAPP_ACCESS_TOKEN && e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID
        ? {
            accessToken: e.WHATSAPP_ACCESS_TOKEN,
            appSecret: e.WHATSAPP_APP_SECRET,
            verifyToken: e.WHATSAPP_VERIFY_TOKEN,
            phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
            graphUrl: e.WHATSAPP_GRAPH_URL ?? "https://graph.facebook.com",
            reopenTemplate: e.WHATSAPP_REOPEN_TEMPLATE,
          }
        : undefined,
    botpress:
      botpress && e.BOTPRESS_TOKEN && e.BOTPRESS_BOT_ID && e.BOTPRESS_WEBHOOK_SECRET
        ? { apiUrl: e.BOTPRESS_API_URL ?? "https://api.botpress.cloud", token: e.BOTPRESS_TOKEN, botId: e.BOTPRESS_BOT_ID, webhookSecret: e.BOTPRESS_WEBHOOK_SECRET }
        : undefined,
  });
}
