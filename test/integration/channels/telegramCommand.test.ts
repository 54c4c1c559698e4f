/** `kinlink telegram set-webhook` / `webhook-info` against the fake Bot API. */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { telegramCommand } from "../../../src/cli/telegram.js";
import { FakeTelegramApi } from "../../helpers/fakeTelegramApi.js";

let fake: FakeTelegramApi;
const SECRET = "webhook_secret-123";
const URL_ = "https://kinlink.example.org/webhooks/telegram";

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
});
afterAll(async () => {
  await fake.close();
});

async function run(argv: string[], env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const code = await telegramCommand(argv, env, (line) => lines.push(line));
  return { code, out: lines.join("\n") };
}

describe("kinlink telegram", () => {
  it("set-webhook registers the URL with the secret, message and callback updates, keeping pending ones", async () => {
    const { code, out } = await run(["set-webhook"], { token: fake.token, apiRoot: fake.apiRoot, secret: SECRET, url: URL_ });
    expect(code).toBe(0);
    expect(fake.callsTo("setWebhook").at(-1)?.payload).toEqual({ url: URL_, secret_token: SECRET, allowed_updates: ["message", "callback_query"], drop_pending_updates: false });
    expect(out).toBe(`Telegram webhook set to ${URL_}`);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(fake.token);
  });

  it("takes --url over the configured one", async () => {
    await run(["set-webhook", "--url", "https://other.example.org/webhooks/telegram"], { token: fake.token, apiRoot: fake.apiRoot, secret: SECRET, url: URL_ });
    expect(fake.callsTo("setWebhook").at(-1)?.payload["url"]).toBe("https://other.example.org/webhooks/telegram");
  });

  it("is a usage error (2) without a token, a valid secret or a URL", async () => {
    expect((await run(["set-webhook"], { apiRoot: fake.apiRoot, secret: SECRET, url: URL_ })).code).toBe(2);
    expect((await run(["set-webhook"], { token: fake.token, apiRoot: fake.apiRoot, secret: "no spaces allowed", url: URL_ })).code).toBe(2);
    expect((await run(["set-webhook"], { token: fake.token, apiRoot: fake.apiRoot, secret: SECRET })).code).toBe(2);
    expect((await run(["nope"], {})).code).toBe(2);
  });

  it("reports the Bot API's refusal with exit code 1", async () => {
    fake.script("setWebhook", { kind: "error", code: 400, description: "Bad Request: bad webhook: HTTPS url must be provided for webhook" });
    const { code, out } = await run(["set-webhook"], { token: fake.token, apiRoot: fake.apiRoot, secret: SECRET, url: "http://insecure.example.org/" });
    expect(code).toBe(1);
    expect(out).toContain("400 Bad Request: bad webhook");
  });

  it("webhook-info shows what Telegram has", async () => {
    const { code, out } = await run(["webhook-info"], { token: fake.token, apiRoot: fake.apiRoot });
    expect(code).toBe(0);
    expect(out).toContain("pending updates: 0");
  });
});
