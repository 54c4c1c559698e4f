/**
 * The settings every benchmark run gives the server under test: the store (embedded in a temporary
 * folder, or MongoDB with `MONGODB_URI`) and its Telegram and WhatsApp channels pointed at the local
 * fake APIs with the bench's own secrets. Shared by the load, memory, fault and soak runs and by the
 * kill -9 test, so that they all drive the same server the same way.
 */
import type { FakeApis } from "./fakeApis.js";
import type { WebhookTarget } from "./families.js";

export const BOT_TOKEN = "123456:BENCH-token";
export const HOOKS: WebhookTarget = { telegramSecret: "bench-telegram-secret-0123456789", appSecret: "bench-app-secret", phoneNumberId: "105500000000001" };

/** The store: MongoDB when `MONGODB_URI` is set (a fresh database per run unless `MONGODB_DB`), else embedded. */
export function storeEnv(): Record<string, string> {
  return {
    ...(process.env["MONGODB_URI"] ? { MONGODB_URI: process.env["MONGODB_URI"] } : {}),
    ...(process.env["MONGODB_DB"] ? { MONGODB_DB: process.env["MONGODB_DB"] } : { MONGODB_DB: `kinlink_bench_${Date.now()}` }),
    KINLINK_HASH_SECRET: "bench-hash-secret-0123456789abcdef0123",
  };
}

export function channelEnv(fakes: FakeApis): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: HOOKS.telegramSecret,
    TELEGRAM_API_ROOT: fakes.url,
    WHATSAPP_ACCESS_TOKEN: "bench-token",
    WHATSAPP_APP_SECRET: HOOKS.appSecret,
    WHATSAPP_VERIFY_TOKEN: "bench-verify-token",
    WHATSAPP_PHONE_NUMBER_ID: HOOKS.phoneNumberId,
    WHATSAPP_GRAPH_URL: fakes.url,
  };
}
