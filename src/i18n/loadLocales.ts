/**
 * Reads `locales/<lang>/`: the catalogs (`*.json`), the answer vocabulary (`vocabulary.json`) and the
 * review status (`_meta.json`). Every file is validated; problems come back with file and path rather
 * than stopping at the first.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import type { Problem } from "../dialog/load/problem.js";
import { formatIssues } from "../dialog/schema/formatIssues.js";
import { VocabularySchema, type Vocabulary } from "../dialog/answers/vocabulary.js";
import { CatalogSchema, type Resources } from "./catalog.js";
import { LocaleMetaSchema, type LocaleMeta } from "./localeMeta.js";

export interface Locales {
  readonly dir: string;
  readonly resources: Resources;
  readonly vocabularies: ReadonlyMap<string, Vocabulary>;
  readonly metas: ReadonlyMap<string, LocaleMeta>;
  readonly problems: readonly Problem[];
}

const LANGUAGE_DIR = /^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$/;
const MAX_LOCALE_FILE_BYTES = 1024 * 1024;

function readJson<T>(file: string, schema: z.ZodType<T>, problems: Problem[]): T | undefined {
  const error = (path: string, message: string): undefined => {
    problems.push({ file, path, message, severity: "error" });
    return undefined;
  };
  if (statSync(file).size > MAX_LOCALE_FILE_BYTES) return error("(top)", `file is larger than ${MAX_LOCALE_FILE_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return error("(top)", `not valid JSON (${e instanceof Error ? e.message : "parse error"})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of formatIssues(parsed.error.issues)) error(issue.path, issue.message);
    return undefined;
  }
  return parsed.data;
}

export function loadLocales(dir: string): Locales {
  const problems: Problem[] = [];
  const resources: Resources = {};
  const vocabularies = new Map<string, Vocabulary>();
  const metas = new Map<string, LocaleMeta>();
  const langs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const entry of langs) {
    const lang = entry.name;
    const langDir = join(dir, lang);
    if (!LANGUAGE_DIR.test(lang)) {
      problems.push({ file: langDir, path: "(top)", message: "not a language code (like fr, ar or fa-AF)", severity: "error" });
      continue;
    }
    resources[lang] = {};
    // risk.json is the risk lexicon, read and checked by src/risk, not a message catalog.
    for (const name of readdirSync(langDir).filter((f) => f.endsWith(".json") && f !== "risk.json").sort()) {
      const file = join(langDir, name);
      if (name === "_meta.json") {
        const meta = readJson(file, LocaleMetaSchema, problems);
        if (meta) metas.set(lang, meta);
      } else if (name === "vocabulary.json") {
        const vocabulary = readJson(file, VocabularySchema, problems);
        if (vocabulary) vocabularies.set(lang, vocabulary);
      } else {
        const catalog = readJson(file, CatalogSchema, problems);
        if (catalog) resources[lang][name.slice(0, -".json".length)] = catalog;
      }
    }
    if (!metas.has(lang)) problems.push({ file: join(langDir, "_meta.json"), path: "(top)", message: "missing: say who reviewed this language", severity: "error" });
    if (!vocabularies.has(lang)) problems.push({ file: join(langDir, "vocabulary.json"), path: "(top)", message: "missing: the words for yes, no, help...", severity: "error" });
  }
  return { dir, resources, vocabularies, metas, problems };
}
