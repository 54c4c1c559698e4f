/**
 * The same units as a spreadsheet, for translators without a translation tool: one row per message,
 * columns key, language, source, translation, max_length, context. Only key, language and
 * translation are read back, found by their header, so columns may be moved or added.
 */
import { readCsv, writeCsv } from "./csv.js";
import { ImportFormatError, type ImportedDoc, type ImportedUnit } from "./importedDoc.js";
import type { TranslationDoc } from "./translationUnits.js";

const HEADER = ["key", "language", "source", "translation", "max_length", "context"] as const;

export function writeTranslationCsv(doc: TranslationDoc): string {
  return writeCsv([[...HEADER], ...doc.units.map((u) => [u.id, doc.targetLang, u.source, u.target, String(u.maxLength), u.context])]);
}

export function readTranslationCsv(text: string): ImportedDoc {
  const [header, ...rows] = readCsv(text);
  if (!header) throw new ImportFormatError("the file is empty");
  const column = (name: string): number => {
    const index = header.findIndex((h) => h.trim().toLowerCase() === name);
    if (index < 0) throw new ImportFormatError(`no "${name}" column (the first row names the columns: ${HEADER.join(", ")})`);
    return index;
  };
  const [key, language, translation] = [column("key"), column("language"), column("translation")];
  const langs = new Set<string>();
  const units: ImportedUnit[] = rows.map((row, i) => {
    const lang = (row[language] ?? "").trim();
    if (lang !== "") langs.add(lang);
    return { id: (row[key] ?? "").trim(), target: row[translation] ?? "", at: `row ${i + 2}` };
  });
  const [targetLang, ...others] = [...langs];
  if (!targetLang || others.length > 0) throw new ImportFormatError(`one language expected in the "language" column, found ${langs.size === 0 ? "none" : [...langs].join(", ")}`);
  return { targetLang, units };
}
