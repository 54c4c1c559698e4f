/**
 * Reads every `locales/<lang>/risk.json`, validates it (schema, then phrase syntax) and compiles it.
 * Problems come back with file and path, all at once, like the dialog and locale loaders; a lexicon
 * with errors is left out rather than half-used, and the caller decides whether to start without it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { RISK_CATEGORIES } from "../domain/risk.js";
import type { Problem } from "../dialog/load/problem.js";
import { formatIssues } from "../dialog/schema/formatIssues.js";
import type { Lexicons } from "./classify.js";
import { compileLexicon, type CompiledLexicon } from "./compileLexicon.js";
import { LexiconSchema } from "./lexiconSchema.js";

export const RISK_FILE = "risk.json";
const MAX_LEXICON_BYTES = 1024 * 1024;

export interface LoadedLexicons {
  readonly lexicons: Lexicons;
  readonly problems: readonly Problem[];
}

/** One file: its compiled lexicon when it has no errors, and its problems. */
export function loadLexiconFile(file: string, lang: string): { lexicon?: CompiledLexicon; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (path: string, message: string): { problems: Problem[] } => {
    problems.push({ file, path, message, severity: "error" });
    return { problems };
  };
  if (statSync(file).size > MAX_LEXICON_BYTES) return error("(top)", `file is larger than ${MAX_LEXICON_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return error("(top)", `not valid JSON (${e instanceof Error ? e.message : "parse error"})`);
  }
  const parsed = LexiconSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of formatIssues(parsed.error.issues)) error(issue.path, issue.message);
    return { problems };
  }
  if (parsed.data.language !== lang) error("language", `"${parsed.data.language}" does not match the folder "${lang}"`);
  const { compiled, problems: compileProblems } = compileLexicon(parsed.data);
  for (const p of compileProblems) error(p.path, p.message);
  for (const category of RISK_CATEGORIES) {
    if (parsed.data.categories[category].length === 0) problems.push({ file, path: `categories.${category}`, message: "no entries: this category is never flagged in this language", severity: "warning" });
  }
  return problems.some((p) => p.severity === "error") ? { problems } : { lexicon: compiled, problems };
}

export function loadLexicons(localesDir: string): LoadedLexicons {
  const lexicons = new Map<string, CompiledLexicon>();
  const problems: Problem[] = [];
  for (const entry of readdirSync(localesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(localesDir, entry.name, RISK_FILE);
    if (!existsSync(file)) {
      problems.push({ file, path: "(top)", message: "missing: messages in this language are only scanned with the English lexicon", severity: "warning" });
      continue;
    }
    const loaded = loadLexiconFile(file, entry.name);
    problems.push(...loaded.problems);
    if (loaded.lexicon) lexicons.set(entry.name, loaded.lexicon);
  }
  return { lexicons, problems };
}
