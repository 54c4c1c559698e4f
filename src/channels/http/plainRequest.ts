/**
 * A `fetch` for the simple calls the channel libraries make (a string or no body, headers as a
 * plain object): node:http(s) with a keep-alive agent, answering a standard `Response`. `fetch`
 * (undici, WHATWG streams) cost several times the CPU per call, on the path of every reply. The
 * whole call, body included, is bounded by `timeoutMs`; an abort signal is honoured.
 */
import http from "node:http";
import https from "node:https";

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function isPlainCall(init: RequestInit | undefined): boolean {
  if (!init) return true;
  const headers = init.headers;
  const plainHeaders = headers === undefined || (typeof headers === "object" && !Array.isArray(headers) && !(headers instanceof Headers));
  return plainHeaders && (init.body === undefined || init.body === null || typeof init.body === "string");
}

export function plainRequest(target: string, init: RequestInit, timeoutMs: number, unreachable: (timedOut: boolean) => Error): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
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
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") responseHeaders.set(name, value);
            else if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
          }
          const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? "", headers: responseHeaders }));
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
