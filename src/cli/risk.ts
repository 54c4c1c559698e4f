/**
 * `kinlink risk [--locales DIR]`: reads JSONL `{"id","lang","text"}` on stdin and writes one JSONL
 * line per input line, `{"id","escalate","level","categories","reasons","provisional"}`, through the
 * same classifier as the bot. A line that cannot be read becomes `{"id","error":{"code","line","message"}}`
 * and the rest go on. Error messages never quote the text.
 *
 * `kinlink risk --eval FILE... [--verbose]`: scores labelled files (see `risk/scoreEvaluation.ts`).
 *
 * Exit codes: 0 ok; 1 some input lines were rejected, or (with --eval) a target was missed;
 * 2 usage error or a lexicon with errors (the classifier does not run half-equipped).
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../config/config.js";
import { formatProblem } from "../dialog/load/problem.js";
import { classifyText, type Lexicons } from "../risk/classify.js";
import { loadLexicons } from "../risk/loadLexicons.js";
import { riskEval } from "./riskEval.js";

const RiskInputSchema = z.object({
  id: z.union([z.string().max(200), z.number()]),
  lang: z.string().min(1).max(16),
  text: z.string(),
});

const USAGE = "usage: kinlink risk [--locales DIR] < messages.jsonl\n       kinlink risk --eval FILE... [--verbose] [--locales DIR]";

type LineResult = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly line: string };

function errorLine(id: unknown, line: number, code: string, message: string): LineResult {
  const safeId = typeof id === "string" || typeof id === "number" ? id : null;
  return { ok: false, line: JSON.stringify({ id: safeId, error: { code, line, message } }) };
}

/** One input line to one output line; never throws. */
export function classifyLine(raw: string, lineNumber: number, lexicons: Lexicons): LineResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return errorLine(null, lineNumber, "INVALID_JSON", "not a JSON object");
  }
  const parsed = RiskInputSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof json === "object" && json !== null && "id" in json ? json.id : null;
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(top)"))].join(", ");
    return errorLine(id, lineNumber, "INVALID_MESSAGE", `expected {"id": string or number, "lang": string, "text": string}; wrong: ${fields}`);
  }
  const { id, lang, text } = parsed.data;
  const a = classifyText(text, lang, lexicons);
  return { ok: true, line: JSON.stringify({ id, escalate: a.escalate, level: a.level, categories: a.categories, reasons: a.reasons, provisional: a.provisional }) };
}

async function streamJsonl(input: NodeJS.ReadableStream, out: (line: string) => void, lexicons: Lexicons): Promise<number> {
  let lineNumber = 0;
  let rejected = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (raw.trim() === "") continue;
    const result = classifyLine(raw, lineNumber, lexicons);
    if (!result.ok) rejected += 1;
    out(result.line);
  }
  return rejected > 0 ? 1 : 0;
}

export async function riskCommand(argv: readonly string[], input: NodeJS.ReadableStream, out: (line: string) => void): Promise<number> {
  let values: { locales?: string | undefined; eval?: boolean | undefined; verbose?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { locales: { type: "string" }, eval: { type: "boolean" }, verbose: { type: "boolean" } } }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : "bad arguments"}\n${USAGE}`);
    return 2;
  }
  if ((values.eval === true) !== positionals.length > 0) {
    out(USAGE);
    return 2;
  }
  const localesDir = values.locales ?? readConfig(process.env, process.cwd()).localesDir;
  const { lexicons, problems } = loadLexicons(localesDir);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || lexicons.size === 0) {
    for (const problem of errors) out(formatProblem(problem));
    if (lexicons.size === 0) out(`no risk lexicon found in ${localesDir}`);
    return 2;
  }
  if (values.eval) {
    for (const problem of problems) out(formatProblem(problem));
    return riskEval(positionals, lexicons, values.verbose === true, out);
  }
  return streamJsonl(input, out, lexicons);
}
