/**
 * `kinlink queue [--limit N] [--url URL] [--token TOKEN]`: the caseworker queue in the terminal,
 * through the same API the console uses (so the same authentication, permissions and audit log).
 * KINLINK_URL (default http://127.0.0.1:8080) and KINLINK_TOKEN stand in for the flags; a token
 * on the command line shows up in the shell's history, so the variable is the better habit.
 * Exit codes: 0 shown, 1 the API refused or could not be reached, 2 usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatQueueTable, QueueItemSchema } from "./queueTable.js";

const USAGE = "Usage: kinlink queue [--limit N] [--url http://127.0.0.1:8080] [--token TOKEN]   (or KINLINK_URL, KINLINK_TOKEN)";
const ResponseSchema = z.object({ items: z.array(QueueItemSchema) });
const ErrorSchema = z.object({ error: z.string() });

type Out = (line: string) => void;

export interface QueueCommandDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

async function errorCode(response: Response): Promise<string> {
  const parsed = ErrorSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data.error : "no error code";
}

export async function queueCommand(argv: readonly string[], out: Out, deps: QueueCommandDeps): Promise<number> {
  const values = parseFlags(argv);
  if (values instanceof Error) return usage(out, values.message);
  const limit = z.coerce.number().int().min(1).max(200).safeParse(values.limit ?? "50");
  const base = values.url ?? deps.env["KINLINK_URL"] ?? "http://127.0.0.1:8080";
  const token = values.token ?? deps.env["KINLINK_TOKEN"];
  if (!limit.success) return usage(out, "--limit is a whole number from 1 to 200");
  if (!URL.canParse(base)) return usage(out, `not a URL: ${base}`);
  if (!token) return usage(out, "an API token is needed: set KINLINK_TOKEN (or --token); `kinlink users token --username U` issues one");

  const url = new URL(`/api/v1/escalations?limit=${limit.data}`, base);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
  } catch {
    out(`could not reach ${url.origin}: is the server running (kinlink start)?`);
    return 1;
  }
  if (response.status === 401) {
    out("the API refused the token (401): it is wrong, expired, or its user is disabled. Issue a new one with `kinlink users token --username U`.");
    return 1;
  }
  if (response.status === 403) {
    out("this token's role may not see the queue (403)");
    return 1;
  }
  if (!response.ok) {
    out(`the API answered ${response.status} (${await errorCode(response)})`);
    return 1;
  }
  const body = ResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) {
    out(`the API's answer is not a queue (is ${url.origin} a kinlink server of this version?)`);
    return 1;
  }
  for (const line of formatQueueTable(body.data.items, (deps.now ?? (() => new Date()))())) out(line);
  return 0;
}

function parseFlags(argv: readonly string[]): { limit?: string; url?: string; token?: string } | Error {
  try {
    return parseArgs({ args: [...argv], options: { limit: { type: "string" }, url: { type: "string" }, token: { type: "string" } }, strict: true }).values;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function usage(out: Out, message: string): number {
  out(`${message}\n${USAGE}`);
  return 2;
}
