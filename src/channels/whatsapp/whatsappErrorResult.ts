/**
 * What a failed Graph API call means for the outbox. Permanent failures are about the person or the
 * message (outside the 24-hour window, not on WhatsApp, not an allowed test number, a bad template);
 * everything about Meta's side or kinlink's own account (rate limits, 5xx, an expired token, a
 * locked account or a payment problem) is retried, so that fixing it lets the waiting messages go.
 * See https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes.
 */
import type { DeliveryResult } from "../../ports/channelPort.js";
import { GraphApiError, GraphUnreachableError } from "./graphFetch.js";

/** Meta sends no Retry-After; these are the waits its documentation suggests, as hints for the backoff. */
const RATE_LIMITS: ReadonlyMap<number, number> = new Map([
  [130429, 1_000], // throughput of the business number
  [131056, 6_000], // too many messages to the same person
  [4, 60_000], // application request limit
  [80007, 60_000], // WhatsApp Business Account rate limit
]);
const TRANSIENT = new Set([1, 2, 131000, 131016]);
const ACCOUNT_PROBLEMS = new Set([10, 190, 200, 131031, 131037, 131042, 133010]);
const PERMANENT: ReadonlyMap<number, string> = new Map([
  [131047, "WINDOW_CLOSED"],
  [131026, "UNDELIVERABLE"],
  [131030, "RECIPIENT_NOT_ALLOWED"],
  [131050, "USER_STOPPED"],
  [100, "INVALID_PARAMETER"],
  [131009, "INVALID_PARAMETER"],
  [131021, "RECIPIENT_IS_SENDER"],
]);

function fromGraphError(error: GraphApiError): DeliveryResult {
  const { code, httpStatus } = error;
  if (code !== undefined) {
    const permanent = PERMANENT.get(code);
    if (permanent) return { status: "failed", code: permanent };
    const wait = RATE_LIMITS.get(code);
    if (wait !== undefined) return { status: "retry", code: "RATE_LIMITED", retryAfterMs: error.retryAfterMs ?? wait };
    if (TRANSIENT.has(code)) return { status: "retry", code: "SERVER_ERROR" };
    if (ACCOUNT_PROBLEMS.has(code)) return { status: "retry", code: "ACCOUNT_PROBLEM" };
  }
  if (httpStatus === 429) return { status: "retry", code: "RATE_LIMITED", ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
  if (httpStatus >= 500 || code === undefined) return { status: "retry", code: "SERVER_ERROR" };
  if (code >= 132000 && code < 133000) return { status: "failed", code: `TEMPLATE_${code}` };
  return { status: "failed", code: `WHATSAPP_${code}` };
}

export function whatsappErrorResult(error: unknown): DeliveryResult {
  if (error instanceof GraphApiError) return fromGraphError(error);
  if (error instanceof GraphUnreachableError) return { status: "retry", code: error.timedOut ? "TIMEOUT" : "NETWORK" };
  return { status: "retry", code: "UNKNOWN" };
}
