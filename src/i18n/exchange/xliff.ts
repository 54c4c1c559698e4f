/**
 * XLIFF 1.2, the exchange format most translation tools read (OmegaT, Poedit, memoQ, Trados, Weblate,
 * Crowdin): one <file> per catalog, one <trans-unit> per message, the channel limit as `maxwidth`
 * with `size-unit="char"`, where and how a text is used as a <note>.
 */
import { ImportFormatError, type ImportedDoc, type ImportedUnit } from "./importedDoc.js";
import type { TranslationDoc } from "./translationUnits.js";
import { childrenNamed, escapeXml, parseXml, XmlError, type XmlElement } from "./xml.js";

export function writeXliff(doc: TranslationDoc): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'];
  const namespaces = [...new Set(doc.units.map((u) => u.namespace))];
  for (const ns of namespaces) {
    lines.push(`  <file original="${escapeXml(ns)}.json" source-language="${escapeXml(doc.sourceLang)}" target-language="${escapeXml(doc.targetLang)}" datatype="plaintext">`, "    <body>");
    for (const unit of doc.units.filter((u) => u.namespace === ns)) {
      const state = unit.target === "" ? "needs-translation" : "translated";
      lines.push(
        `      <trans-unit id="${escapeXml(unit.id)}" resname="${escapeXml(unit.key)}" maxwidth="${unit.maxLength}" size-unit="char" xml:space="preserve">`,
        `        <source>${escapeXml(unit.source)}</source>`,
        `        <target state="${state}">${escapeXml(unit.target)}</target>`,
        `        <note from="kinlink">${escapeXml(`${unit.context} · up to ${unit.maxLength} characters`)}</note>`,
        "      </trans-unit>",
      );
    }
    lines.push("    </body>", "  </file>");
  }
  lines.push("</xliff>");
  return `${lines.join("\n")}\n`;
}

function textOf(element: XmlElement, where: string): string {
  return element.children
    .map((child) => {
      // Plain-text messages: inline markup from a tool (<g>, <x/>) has no meaning here.
      if (typeof child !== "string") throw new ImportFormatError(`${where}: <${child.name}> inside a target; plain text only`);
      return child;
    })
    .join("");
}

export function readXliff(text: string): ImportedDoc {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    throw new ImportFormatError(`not valid XML: ${e instanceof XmlError ? e.message : String(e)}`);
  }
  if (root.name.replace(/^.*:/, "") !== "xliff") throw new ImportFormatError("not an XLIFF file (no <xliff> root)");
  if (root.attributes["version"] !== "1.2") throw new ImportFormatError(`XLIFF version ${root.attributes["version"] ?? "?"}; kinlink reads 1.2`);
  const langs = new Set<string>();
  const units: ImportedUnit[] = [];
  for (const file of childrenNamed(root, "file")) {
    const lang = file.attributes["target-language"];
    if (lang) langs.add(lang);
    for (const body of childrenNamed(file, "body")) {
      // Tools may group units; one level of <group> is enough for the files kinlink writes.
      const transUnits = [...childrenNamed(body, "trans-unit"), ...childrenNamed(body, "group").flatMap((g) => childrenNamed(g, "trans-unit"))];
      for (const unit of transUnits) {
        const id = unit.attributes["id"] ?? "";
        const where = `trans-unit "${id}"`;
        const [target] = childrenNamed(unit, "target");
        units.push({ id, target: target ? textOf(target, where) : "", at: where });
      }
    }
  }
  const [targetLang, ...others] = [...langs];
  if (!targetLang || others.length > 0) throw new ImportFormatError(`one target-language expected, found ${langs.size === 0 ? "none" : [...langs].join(", ")}`);
  return { targetLang, units };
}
