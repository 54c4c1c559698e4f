/**
 * `kinlink locales export --lang sw --format xliff|csv [--out FILE]` and
 * `kinlink locales import FILE [--dry-run]`: a language's messages round-trip through translators'
 * tools or a spreadsheet. Export writes every message with the English source, the current
 * translation, where it is used and its channel limit; import checks each text and merges what passes.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { sourceLanguage } from "../i18n/check/localeView.js";
import { catalogJson } from "../i18n/exchange/catalogJson.js";
import { ImportFormatError, type ImportedDoc } from "../i18n/exchange/importedDoc.js";
import { importTranslations, type ImportResult } from "../i18n/exchange/importTranslations.js";
import { readTranslationCsv, writeTranslationCsv } from "../i18n/exchange/translationCsv.js";
import { translationUnits } from "../i18n/exchange/translationUnits.js";
import { readXliff, writeXliff } from "../i18n/exchange/xliff.js";
import { collectUsages } from "../i18n/usages.js";
import { loadProject, type Project } from "./project.js";

const USAGE = `Usage:
  kinlink locales export --lang LANG [--format xliff|csv] [--out FILE]
  kinlink locales import FILE [--dry-run]`;

/** Same rule as locales/ folder names: also keeps a language from a file out of other paths. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$/;

function context(project: Project) {
  const { content } = project;
  const sourceLang = sourceLanguage(content.locales.metas, Object.keys(content.locales.resources));
  const usages = collectUsages(content.loaded, content.deployment.languages.length);
  const params = { org: content.deployment.organisation, ...content.deployment.help_contacts };
  return { sourceLang, usages, params, resources: content.locales.resources };
}

function exportCommand(args: readonly string[], out: (line: string) => void): number {
  const { values } = parseArgs({ args: [...args], options: { lang: { type: "string" }, format: { type: "string" }, out: { type: "string" } } });
  const lang = values.lang ?? "";
  const format = values.format ?? (values.out && extname(values.out).toLowerCase() === ".csv" ? "csv" : "xliff");
  if (!LANGUAGE.test(lang) || (format !== "xliff" && format !== "csv")) {
    out(!LANGUAGE.test(lang) ? `--lang is a language code like sw, ar or fa-AF\n${USAGE}` : `--format is xliff or csv\n${USAGE}`);
    return 2;
  }
  const project = loadProject();
  const { sourceLang, usages, resources } = context(project);
  if (lang === sourceLang) {
    out(`${lang} is the source language: edit its files directly`);
    return 2;
  }
  const doc = translationUnits({ resources, sourceLang, lang, usages });
  const text = format === "csv" ? writeTranslationCsv(doc) : writeXliff(doc);
  if (!values.out) {
    out(text.replace(/\n$/, ""));
    return 0;
  }
  writeFileSync(values.out, text, "utf8");
  const todo = doc.units.filter((u) => u.target === "").length;
  out(`wrote ${values.out}: ${doc.units.length} messages for ${lang}, ${doc.units.length - todo} translated, ${todo} to translate`);
  return 0;
}

function readDoc(file: string): ImportedDoc {
  const text = readFileSync(file, "utf8");
  const ext = extname(file).toLowerCase();
  const isXml = ext === ".xlf" || ext === ".xliff" || ext === ".xml" || (ext !== ".csv" && text.replace(/^\uFEFF/, "").trimStart().startsWith("<"));
  return isXml ? readXliff(text) : readTranslationCsv(text);
}

function report(result: ImportResult, out: (line: string) => void): void {
  const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
  for (const c of result.changed) out(`changed   ${c.id}: ${c.before === "" ? "(new)" : quote(c.before)} -> ${quote(c.after)}`);
  for (const r of result.rejected) out(`rejected  ${r.id || "(no key)"} (${r.at}): ${r.reason}`);
  for (const id of result.missing) out(`missing   ${id}`);
  out(`${result.lang}: ${result.changed.length} changed, ${result.unchanged} unchanged, ${result.missing.length} missing, ${result.rejected.length} rejected`);
}

function importCommand(args: readonly string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { "dry-run": { type: "boolean", default: false } } });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    out(USAGE);
    return 2;
  }
  let doc: ImportedDoc;
  try {
    doc = readDoc(file);
  } catch (e) {
    if (!(e instanceof ImportFormatError)) throw e;
    out(`${file}: ${e.message}`);
    return 1;
  }
  if (!LANGUAGE.test(doc.targetLang)) {
    out(`${file}: "${doc.targetLang}" is not a language code like sw, ar or fa-AF`);
    return 1;
  }
  const project = loadProject();
  const { sourceLang, usages, params, resources } = context(project);
  if (doc.targetLang === sourceLang) {
    out(`${file}: ${sourceLang} is the source language: edit its files directly`);
    return 1;
  }
  const result = importTranslations({ doc, resources, sourceLang, usages, params });
  report(result, out);
  if (!values["dry-run"]) {
    const dir = join(project.config.localesDir, result.lang);
    mkdirSync(dir, { recursive: true });
    for (const [ns, catalog] of result.catalogs) {
      const target = join(dir, `${ns}.json`);
      writeFileSync(target, catalogJson(catalog), "utf8");
      out(`wrote ${relative(process.cwd(), target)}`);
    }
  } else if (result.catalogs.size > 0) out("dry run: nothing written");
  return result.rejected.length > 0 ? 1 : 0;
}

export function localesCommand(argv: readonly string[], out: (line: string) => void): number {
  const [sub, ...rest] = argv;
  if (sub === "export") return exportCommand(rest, out);
  if (sub === "import") return importCommand(rest, out);
  out(USAGE);
  return 2;
}
