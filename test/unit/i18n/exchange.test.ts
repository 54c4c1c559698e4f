/** The translation round trip: CSV and XLIFF writers and readers, and the checks on import. */
import { describe, expect, it } from "@jest/globals";
import { flatten } from "../../../src/i18n/catalog.js";
import { readCsv, writeCsv } from "../../../src/i18n/exchange/csv.js";
import { importTranslations } from "../../../src/i18n/exchange/importTranslations.js";
import { readTranslationCsv, writeTranslationCsv } from "../../../src/i18n/exchange/translationCsv.js";
import { translationUnits } from "../../../src/i18n/exchange/translationUnits.js";
import { readXliff, writeXliff } from "../../../src/i18n/exchange/xliff.js";
import { parseXml } from "../../../src/i18n/exchange/xml.js";
import { collectUsages } from "../../../src/i18n/usages.js";
import { projectContent } from "../../helpers/project.js";

const content = projectContent();
const usages = collectUsages(content.loaded, content.deployment.languages.length);
const resources = content.locales.resources;
const params = { org: "Kinlink Demo", emergency: "112", helpline: "116 111" };

describe("csv", () => {
  it("round-trips commas, quotes, line breaks, spaces and Arabic", () => {
    const rows = [["key", "text"], ["a", 'He said "hi", then left.\nNew line'], ["b", " padded "], ["c", "نعم، ٣"], ["d", ""]];
    expect(readCsv(writeCsv(rows))).toEqual(rows);
  });

  it("reads the separator a spreadsheet chose, and CRLF", () => {
    expect(readCsv("key;text\r\na;un; deux\r\n")).toEqual([["key", "text"], ["a", "un", " deux"]]);
    expect(readCsv('key;text\r\na;"un; deux"\r\n')).toEqual([["key", "text"], ["a", "un; deux"]]);
    expect(readCsv("key\ttext\na\tx\n")).toEqual([["key", "text"], ["a", "x"]]);
  });

  it("starts with a byte-order mark so spreadsheets read UTF-8", () => {
    expect(writeCsv([["a"]]).charCodeAt(0)).toBe(0xfeff);
  });
});

describe("xml", () => {
  it("decodes entities, character references and CDATA, and refuses DOCTYPE declarations", () => {
    const root = parseXml('<?xml version="1.0"?><a x="1 &amp; 2"><!-- c --><b>&lt;ok&gt; &#x41;&#66;</b><![CDATA[<raw>]]></a>');
    expect(root.attributes).toEqual({ x: "1 & 2" });
    expect(root.children).toEqual([{ name: "b", attributes: {}, children: ["<ok> AB"] }, "<raw>"]);
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>')).toThrow(/DOCTYPE/);
    expect(() => parseXml("<a><b></a>")).toThrow(/does not match/);
  });
});

describe.each(["fr", "es", "ar", "uk", "sw"])("export and import of %s", (lang) => {
  const doc = translationUnits({ resources, sourceLang: "en", lang, usages });

  it("has a unit for every form the language needs, all translated", () => {
    expect(doc.units.filter((u) => u.target === "")).toEqual([]);
    const expectedForms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.length;
    expect(doc.units.filter((u) => u.message === "repeat.limit")).toHaveLength(expectedForms);
  });

  it.each(["xliff", "csv"])("round-trips through %s with nothing changed", (format) => {
    const text = format === "xliff" ? writeXliff(doc) : writeTranslationCsv(doc);
    const back = format === "xliff" ? readXliff(text) : readTranslationCsv(text);
    expect(back.targetLang).toBe(lang);
    expect(back.units.map((u) => [u.id, u.target])).toEqual(doc.units.map((u) => [u.id, u.target]));
    const result = importTranslations({ doc: back, resources, sourceLang: "en", usages, params });
    expect(result).toMatchObject({ changed: [], missing: [], rejected: [], unchanged: doc.units.length });
  });
});

describe("import", () => {
  const sw = translationUnits({ resources, sourceLang: "en", lang: "sw", usages });
  const edit = (changes: Record<string, string>, extra: { id: string; target: string }[] = []) => ({
    targetLang: "sw",
    units: [...sw.units.map((u) => ({ id: u.id, target: changes[u.id] ?? u.target, at: u.id })), ...extra.map((e) => ({ ...e, at: e.id }))],
  });

  it("merges a changed text, keeping the catalog's key order", () => {
    const result = importTranslations({ doc: edit({ "intake:age_child": "Una miaka mingapi? Kukisia ni sawa." }), resources, sourceLang: "en", usages, params });
    expect(result.changed).toEqual([{ id: "intake:age_child", before: "Una umri gani? Kukisia ni sawa.", after: "Una miaka mingapi? Kukisia ni sawa." }]);
    expect(result.rejected).toEqual([]);
    const catalog = result.catalogs.get("intake");
    expect(catalog && [...flatten(catalog).keys()]).toEqual([...flatten(resources["sw"]?.["intake"] ?? {}).keys()]);
    expect(catalog && flatten(catalog).get("age_child")).toBe("Una miaka mingapi? Kukisia ni sawa.");
    expect([...result.catalogs.keys()]).toEqual(["intake"]);
  });

  it("rejects unknown keys, changed placeholders, bidi marks and text over the channel limit", () => {
    const result = importTranslations({
      doc: edit(
        {
          "intake:done": "Asante. Namba yako ni {{nambari}}. Mtu kutoka {{org}} atawasiliana nawe.",
          "common:answer.dont_know": "Sijui kabisa, samahani sana rafiki",
          "common:answer.yes": "\u200FNdiyo",
        },
        [{ id: "intake:no_such_key", target: "x" }],
      ),
      resources,
      sourceLang: "en",
      usages,
      params,
    });
    expect(result.rejected.map((r) => `${r.id}: ${r.reason.replace(/ \(.*$/, "")}`)).toEqual([
      "common:answer.yes: invisible bidi control U+200F at character 1",
      "common:answer.dont_know: 34 characters; this text may have up to 20",
      "intake:done: placeholders differ from the source: missing {{ref}}; unknown {{nambari}}",
      "intake:no_such_key: unknown key: not a message of locales/en/",
    ]);
    expect(result.changed).toEqual([]);
  });

  it("lets a plural form leave out the number ('mtu mmoja'), but not invent one", () => {
    const ok = importTranslations({ doc: edit({ "common:repeat.limit_one": "Ninaweza kuandika mtu mmoja tu hapa." }), resources, sourceLang: "en", usages, params });
    expect(ok.rejected).toEqual([]);
    const bad = importTranslations({ doc: edit({ "common:repeat.limit_other": "Ninaweza kuandika watu {{idadi}} tu." }), resources, sourceLang: "en", usages, params });
    expect(bad.rejected.map((r) => r.reason)).toEqual(["placeholders differ from the source: unknown {{idadi}}"]);
  });

  it("reports what a new language is missing, and keeps empty translations out", () => {
    const doc = translationUnits({ resources, sourceLang: "en", lang: "pt", usages });
    expect(doc.units.every((u) => u.target === "")).toBe(true);
    const result = importTranslations({ doc: { targetLang: "pt", units: [{ id: "common:answer.yes", target: "Sim", at: "row 2" }] }, resources, sourceLang: "en", usages, params });
    expect(result.changed).toEqual([{ id: "common:answer.yes", before: "", after: "Sim" }]);
    expect(result.missing).toHaveLength(doc.units.length - 1);
    expect(result.catalogs.get("common")).toEqual({ answer: { yes: "Sim" } });
  });

  it("reads only key, language and translation from a CSV whose columns were moved", () => {
    const csv = "translation,key,language\nNdiyo kabisa,common:answer.yes,sw\n";
    expect(readTranslationCsv(csv)).toEqual({ targetLang: "sw", units: [{ id: "common:answer.yes", target: "Ndiyo kabisa", at: "row 2" }] });
    expect(() => readTranslationCsv("key,translation\na,b\n")).toThrow(/language/);
  });
});
