/**
 * A `fetch` for the simple calls the channel libraries make (a string or no body, headers as a
 * plain object): node:http(s) with a keep-alive agent, answering a `PlainResponse` (the part of
 * `Response` those libraries read: status, headers, json and text). `fetch` (undici, WHATWG
 * streams) cost several times the CPU per call, on the path of every reply, and so did building a
 * standard `Response` around the bytes (a ReadableStream and a transferred buffer per call, ~14 µs).
 * The whole call, body included, is bounded by `timeoutMs`; an abort signal is honoured.
 */
import http from "node:http";
import https from "node:https";

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** The answer to a plain call: its body is read whole, so `json()` and `text()` can be called more than once. */
export class PlainResponse {
  readonly ok: boolean;

  constructor(
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: http.IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  /** `Headers.get`'s answer: case-insensitive, repeated headers joined with ", ", null when absent. */
  readonly headers = {
    get: (name: string): string | null => {
      const value = this.rawHeaders[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : String(value);
    },
  };

  /** Like `Response.json()`: a SyntaxError when the body is not JSON (an empty body included). */
  json(): Promise<unknown> {
    try {
      return Promise.resolve(JSON.parse(this.body) as unknown);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new SyntaxError("not JSON"));
    }
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

export function isPlainCall(init: RequestInit | undefined): boolean {
  if (!init) return true;
  const headers = init.headers;
  const plainHeaders = headers === undefined || (typeof headers === "object" && !Array.isArray(headers) && !(headers instanceof Headers));
  return plainHeaders && (init.body === undefined || init.body === null || typeof init.body === "string");
}

export function plainRequest(target: string, init: RequestInit, timeoutMs: number, unreachable: (timedOut: boolean) => Error): Promise<PlainResponse> {
  return new Promise<PlainResponse>((resolve, reject) => {
    const url = new URL(target);
    const secure = url.protocol === "https:";
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    const body = typeof init.body === "string" ? Buffer.from(init.body) : undefined;
    if (body) headers["content-length"] = String(body.length);
    let timedOut = false;
    let settled = false;
    const fail = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      init.signal?.removeEventListener("abort", onAbort);
      reject(unreachable(timedOut));
    };
    const request = (secure ? https : http).request(
      url,
      { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(); // the connection closed mid-body
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          init.signal?.removeEventListener("abort", onAbort);
          const status = res.statusCode ?? 502;
          const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          const body = noBody || chunks.length === 0 ? "" : (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8");
          resolve(new PlainResponse(status, res.statusMessage ?? "", res.headers, body));
        });
      },
    );
    const onAbort = (): void => {
      request.destroy();
      fail();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
      fail();
    }, timeoutMs);
    request.on("error", fail); // before any destroy(): an unhandled 'error' would end the process
    if (init.signal?.aborted) return onAbort();
    init.signal?.addEventListener("abort", onAbort, { once: true });
    request.end(body);
  });
}
