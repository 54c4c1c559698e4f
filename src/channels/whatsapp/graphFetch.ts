/**
 * The `fetch` whatsapp-api-js uses (its `ponyfill.fetch`). The library hard-codes
 * https://graph.facebook.com; this sends those calls to the configured Graph URL instead (a local
 * fake in tests and development), bounds each call with a timeout so a hanging API cannot hold the
 * sender, and turns a non-2xx answer into a `GraphApiError` carrying the HTTP status and Meta's error
 * code: the library would otherwise hand back the error body as if it were a result, and lose the
 * status of a 429 or a 502 whose body is not JSON.
 */
import { z } from "zod";
import { isPlainCall, plainRequest, type PlainResponse } from "../http/plainRequest.js";

export const GRAPH_DEFAULT_URL = "https://graph.facebook.com";

export class GraphApiError extends Error {
  constructor(
    readonly httpStatus: number,
    /** Meta's `error.code`, e.g. 131047; undefined when the body was not Graph JSON. */
    readonly code: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    // Meta's message text can quote the recipient; only numbers go into ours.
    super(`Graph API answered ${httpStatus}${code !== undefined ? ` with code ${code}` : ""}`);
    this.name = "GraphApiError";
  }
}

export class GraphUnreachableError extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? "Graph API call timed out" : "Graph API unreachable");
    this.name = "GraphUnreachableError";
  }
}

const ErrorBodySchema = z.object({ error: z.object({ code: z.number().int() }) });

async function graphApiError(response: Response | PlainResponse): Promise<GraphApiError> {
  let code: number | undefined;
  try {
    const parsed = ErrorBodySchema.safeParse(await response.json());
    if (parsed.success) code = parsed.data.error.code;
  } catch {
    // Not JSON (a proxy's HTML error page): the status says enough.
  }
  const seconds = Number(response.headers.get("retry-after"));
  return new GraphApiError(response.status, code, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
}

export interface GraphFetchOptions {
  /** Default Meta's. A trailing slash is ignored. */
  readonly graphUrl?: string;
  readonly timeoutMs: number;
}

export function graphFetch(options: GraphFetchOptions): typeof fetch {
  const base = (options.graphUrl ?? GRAPH_DEFAULT_URL).replace(/\/+$/, "");
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const target = url.startsWith(GRAPH_DEFAULT_URL) ? `${base}${url.slice(GRAPH_DEFAULT_URL.length)}` : url;
    // The library's calls (a JSON string or no body, headers as a plain object) go through node:http
    // with a keep-alive agent: a fraction of `fetch`'s CPU per call, on the path of every reply.
    if (!(input instanceof Request) && isPlainCall(init)) {
      const response = await plainRequest(target, init ?? {}, options.timeoutMs, (timedOut) => new GraphUnreachableError(timedOut));
      // whatsapp-api-js reads only `json()` of what its fetch answers (`getBody`), which a PlainResponse has.
      if (response.ok) return response as unknown as Response;
      throw await graphApiError(response);
    }
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(target, { ...init, signal });
    } catch {
      throw new GraphUnreachableError(timeout.aborted);
    }
    if (response.ok) return response;
    throw await graphApiError(response);
  };
}
