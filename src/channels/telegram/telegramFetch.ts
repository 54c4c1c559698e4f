/**
 * The `fetch` grammY uses for Bot API calls: its JSON calls (a string body, headers as a plain
 * object) go through node:http with a keep-alive agent (`plainRequest`), as WhatsApp's do, instead of
 * node-fetch, which builds a Request, Headers, a Response and a body stream per call. grammY reads
 * only `json()` of the answer. Anything else (a multipart upload, which kinlink does not make) keeps
 * the platform's `fetch`. grammY's own timeout aborts a call first; `backstopMs` only bounds a call
 * whose abort went missing.
 */
import { isPlainCall, plainRequest } from "../http/plainRequest.js";

/** Carries no URL: the Bot API's URL holds the bot token. */
export class TelegramUnreachableError extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? "Bot API call timed out" : "Bot API unreachable");
    this.name = "TelegramUnreachableError";
  }
}

export function telegramFetch(backstopMs: number): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (typeof input === "string" && isPlainCall(init)) {
      return (await plainRequest(input, init ?? {}, backstopMs, (timedOut) => new TelegramUnreachableError(timedOut))) as unknown as Response;
    }
    return fetch(input, init);
  };
}
