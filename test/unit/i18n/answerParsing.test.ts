/**
 * Each language's vocabulary.json makes its answers understood with the same parsers as English:
 * yes/no words, number words and digits in any script, relative dates written the way people write them.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDate } from "../../../src/dialog/answers/parseDate.js";
import { parseNumber } from "../../../src/dialog/answers/parseNumber.js";
import { parseYesNo } from "../../../src/dialog/answers/parseSimple.js";
import { VocabularySchema, type Vocabulary } from "../../../src/dialog/answers/vocabulary.js";
import { ROOT } from "../../helpers/project.js";

const now = new Date("2026-01-15T09:00:00.000Z");
const vocabulary = (lang: string): Vocabulary => VocabularySchema.parse(JSON.parse(readFileSync(join(ROOT, "locales", lang, "vocabulary.json"), "utf8")));
const age = { min: 0, max: 25, integer: true };

const CASES: Record<string, { yes: string[]; no: string[]; numbers: [string, number, boolean][]; dates: [string, string][] }> = {
  fr: {
    yes: ["oui", "Ouais", "oui merci", "d'accord"],
    no: ["non", "Non merci", "nan"],
    numbers: [["7", 7, false], ["environ 7", 7, true], ["sept ans", 7, false], ["à peu près dix-sept", 17, true], ["5 ou 6", 6, true]],
    dates: [["il y a 3 jours", "2026-01-12"], ["il y a trois jours", "2026-01-12"], ["la semaine dernière", "2026-01-08"], ["le mois dernier", "2025-12-15"], ["hier", "2026-01-14"], ["il y a deux ans", "2024-01-15"], ["en mars", "2025-03-15"], ["15 août 2025", "2025-08-15"]],
  },
  es: {
    yes: ["sí", "si", "Sí, claro", "vale"],
    no: ["no", "No gracias"],
    numbers: [["unos 12", 12, true], ["más o menos siete", 7, true], ["diecisiete", 17, false], ["5 o 6", 6, true], ["veinticinco", 25, false]],
    dates: [["hace 3 días", "2026-01-12"], ["hace tres días", "2026-01-12"], ["la semana pasada", "2026-01-08"], ["el mes pasado", "2025-12-15"], ["ayer", "2026-01-14"], ["15 de marzo de 2025", "2025-03-15"]],
  },
  ar: {
    yes: ["نعم", "ايوه", "أيوه", "طبعا"],
    no: ["لا", "لأ", "كلا"],
    numbers: [["٧", 7, false], ["٩ سنوات", 9, false], ["حوالي ٧", 7, true], ["سبعة", 7, false], ["٥ أو ٦", 6, true], ["سنتين", 2, false], ["۱۲", 12, false]],
    dates: [["منذ ثلاثة أيام", "2026-01-12"], ["منذ ٣ أيام", "2026-01-12"], ["قبل يومين", "2026-01-13"], ["الشهر الماضي", "2025-12-15"], ["الأسبوع الماضي", "2026-01-08"], ["أمس", "2026-01-14"], ["منذ أسبوعين", "2026-01-01"], ["١٥/٣/٢٠٢٥", "2025-03-15"], ["في آذار", "2025-03-15"]],
  },
  uk: {
    yes: ["так", "Так", "ага", "да"],
    no: ["ні", "Ні", "нет"],
    numbers: [["близько 7", 7, true], ["близько семи", 7, true], ["сім", 7, false], ["5 або 6", 6, true], ["п'ятнадцять", 15, false], ["пʼятнадцять", 15, false], ["двадцять один", 21, false]],
    dates: [["3 дні тому", "2026-01-12"], ["три дні тому", "2026-01-12"], ["тиждень тому", "2026-01-08"], ["минулого тижня", "2026-01-08"], ["минулого місяця", "2025-12-15"], ["вчора", "2026-01-14"], ["два роки тому", "2024-01-15"], ["15 березня 2025", "2025-03-15"], ["3 дня назад", "2026-01-12"]],
  },
  sw: {
    yes: ["ndiyo", "ndio", "eeh", "sawa"],
    no: ["hapana", "la"],
    numbers: [["karibu 7", 7, true], ["saba", 7, false], ["miaka saba", 7, false], ["5 au 6", 6, true], ["kumi", 10, false]],
    dates: [["siku 3 zilizopita", "2026-01-12"], ["siku tatu zilizopita", "2026-01-12"], ["wiki iliyopita", "2026-01-08"], ["mwezi uliopita", "2025-12-15"], ["miaka miwili iliyopita", "2024-01-15"], ["jana", "2026-01-14"], ["15 machi 2025", "2025-03-15"]],
  },
};

describe.each(Object.keys(CASES))("answers in %s", (lang) => {
  const v = vocabulary(lang);
  const c = CASES[lang];
  if (!c) throw new Error(lang);

  it.each(c.yes)("yes: %s", (text) => expect(parseYesNo(text, v)).toEqual({ ok: true, value: true }));
  it.each(c.no)("no: %s", (text) => expect(parseYesNo(text, v)).toEqual({ ok: true, value: false }));
  it.each(c.numbers)("number: %s", (text, value, estimated) => expect(parseNumber(text, age, v)).toEqual({ ok: true, value, estimated }));
  it.each(c.dates)("date: %s", (text, value) => expect(parseDate(text, true, now, v)).toMatchObject({ ok: true, value }));
});

describe("number words of several words", () => {
  it("reads 'kumi na saba' (17), 'vingt et un' (21), 'سبعة عشر' (17) as one number, not a range", () => {
    const wide = { min: 0, max: 40, integer: true };
    expect(parseNumber("kumi na saba", wide, vocabulary("sw"))).toEqual({ ok: true, value: 17, estimated: false });
    expect(parseNumber("vingt et un", wide, vocabulary("fr"))).toEqual({ ok: true, value: 21, estimated: false });
    expect(parseNumber("سبعة عشر", wide, vocabulary("ar"))).toEqual({ ok: true, value: 17, estimated: false });
    expect(parseNumber("about kumi na mbili", wide, vocabulary("sw"))).toMatchObject({ ok: true, value: 12 });
  });
});

describe("relative dates where a word means two things", () => {
  it("reads Swahili 'mwaka jana' as last year, and 'jana' alone as yesterday", () => {
    const now = new Date("2026-03-20T12:00:00.000Z");
    expect(parseDate("mwaka jana", true, now, vocabulary("sw"))).toEqual({ ok: true, value: "2025-03-20", estimated: true });
    expect(parseDate("jana", true, now, vocabulary("sw"))).toMatchObject({ ok: true, value: "2026-03-19" });
  });
});
