/**
 * What a failed Bot API call means for the outbox: try again (rate limit, server or network
 * trouble, a hanging request, a token being fixed) or give up and tell a caseworker (the person
 * blocked the bot or the chat does not exist). Codes only: Telegram's descriptions and the
 * request payload (which holds the text and the chat id) are never copied.
 */
import { GrammyError, HttpError } from "grammy";
import type { DeliveryResult } from "../../ports/channelPort.js";

const CHAT_GONE = /chat not found|user not found|peer_id_invalid|chat_id is empty/i;

function fromApiError(error: GrammyError): DeliveryResult {
  const code = error.error_code;
  if (code === 429) {
    const seconds = error.parameters.retry_after;
    return { status: "retry", code: "RATE_LIMITED", ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}) };
  }
  if (code >= 500) return { status: "retry", code: "SERVER_ERROR" };
  // 403: "bot was blocked by the user", "user is deactivated", "bot can't initiate conversation".
  if (code === 403) return { status: "failed", code: "BLOCKED" };
  if (code === 400 && CHAT_GONE.test(error.description)) return { status: "failed", code: "CHAT_NOT_FOUND" };
  // A wrong or revoked token (401, or 404 for an unknown one) is fixed in configuration; the messages can wait.
  if (code === 401 || code === 404) return { status: "retry", code: "UNAUTHORIZED" };
  return { status: "failed", code: `TELEGRAM_${code}` };
}

/** grammY reports its own timeout as an HttpError wrapping "Request to '<method>' timed out after N seconds". */
function isTimeout(error: HttpError): boolean {
  return error.error instanceof Error && error.error.message.includes("timed out");
}

export function telegramErrorResult(error: unknown): DeliveryResult {
  if (error instanceof GrammyError) return fromApiError(error);
  if (error instanceof HttpError) return { status: "retry", code: isTimeout(error) ? "TIMEOUT" : "NETWORK" };
  return { status: "retry", code: "UNKNOWN" };
}
