/** The locale checks as pure functions, on small inline dialogs and catalogs. */
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { formatProblem } from "../../../src/dialog/load/problem.js";
import { DialogSchema } from "../../../src/dialog/schema/dialogSchema.js";
import { findBidiControls } from "../../../src/i18n/bidi.js";
import type { Resources } from "../../../src/i18n/catalog.js";
import { checkLocaleContent, type LocaleCheckInput } from "../../../src/i18n/check/checkLocaleContent.js";
import { sentences, wordCount } from "../../../src/i18n/check/readability.js";
import { keyParts, pluralCategories, pluralMessages } from "../../../src/i18n/keyParts.js";
import type { LocaleMeta } from "../../../src/i18n/localeMeta.js";

const dialog = DialogSchema.parse(
  parse(`
id: demo
version: 1
start: who
steps:
  who:
    type: question
    text: who
    answer: { type: choice, choices: [ { id: child, text: c.child }, { id: adult, text: c.adult } ] }
    audience_from: { child: child, adult: adult }
    next: pick
  pick:
    type: question
    text: pick
    answer: { type: choice, choices: [ { id: a, text: c.a }, { id: b, text: c.b }, { id: c, text: c.c } ] }
    next: done
  done:
    type: end
    text: done
`),
);

const source: LocaleMeta = { name: "English", direction: "ltr", review: { status: "source" } };
const drafted: LocaleMeta = { name: "x", direction: "ltr", review: { status: "machine-drafted", note: "machine-drafted, needs native review" } };

function check(resources: Resources): string[] {
  const input: LocaleCheckInput = {
    loaded: [{ file: "dialogs/demo.yaml", dialog }],
    resources,
    metas: new Map(Object.keys(resources).map((lang) => [lang, lang === "en" ? source : drafted])),
    fileFor: (lang, ns) => `locales/${lang}/${ns}.json`,
    offeredLanguages: Object.keys(resources).length,
    params: { org: "Org" },
  };
  return checkLocaleContent(input).map(formatProblem);
}

const en = { who: "Who?", pick: "Pick", done: "Done", c: { child: "Child", adult: "Adult", a: "A", b: "B", c: "C" }, n_one: "one", n_other: "{{count}} things" };

describe("checkLocaleContent", () => {
  it("accepts a complete translation, with audience variants the source does not have", () => {
    expect(check({ en: { demo: en }, fr: { demo: { ...en, who: "Qui ?", who_child: "Qui es-tu ?", n_many: "{{count}} de choses" } } })).toEqual([]);
  });

  it("asks pick's 3 choices plus 'I don't know' as a list (labels up to 24), who's 2 plus 'I don't know' as buttons (up to 20)", () => {
    const long = { ...en, c: { ...en.c, a: "A label of exactly 24 ch", b: "A label of twenty-five ch", child: "Twenty-one characters" } };
    expect(check({ en: { demo: long } })).toEqual([
      'locales/en/demo.json: c.child: "Twenty-one characters" is 21 characters; a WhatsApp reply button title holds 20 (demo/who shows 3 choices)',
      'locales/en/demo.json: c.b: "A label of twenty-five ch" is 25 characters; a WhatsApp list row title holds 24 (demo/pick shows 4 choices)',
    ]);
  });

  it("counts filled-in deployment values against the 1024 characters of a message", () => {
    expect(check({ en: { demo: { ...en, done: `${"x".repeat(1022)}{{org}}` } } })).toEqual(["locales/en/demo.json: done: 1025 characters; a WhatsApp message holds 1024"]);
  });

  it("reports every plural category a language needs, and unused ones as warnings", () => {
    expect(check({ en: { demo: { ...en, n_few: "few" } }, uk: { demo: { ...en, n_few: "{{count}} речі" } } })).toEqual([
      "locales/uk/demo.json: n: plural forms missing: many (uk uses one, few, many, other)",
      "warning: locales/en/demo.json: n: plural forms never used in en: few",
    ]);
  });

  it("reports a plural message translated as one plain text", () => {
    const { n_one: _one, n_other: _other, ...plain } = en;
    expect(check({ en: { demo: en }, sw: { demo: { ...plain, n: "vitu {{count}}" } } })).toEqual(["locales/sw/demo.json: n: plural forms missing: one, other (sw uses one, other)"]);
  });

  it("reports invisible bidi controls in any language", () => {
    expect(check({ en: { demo: en }, ar: { demo: { ...en, n_zero: "0", n_two: "2", n_few: "3", n_many: "11", done: "تم\u200E\u2067" } } })).toEqual([
      "locales/ar/demo.json: done: invisible bidi control U+200E at character 3, U+2067 at character 4: chat text must not carry them, remove it",
    ]);
  });

  it("warns about long sentences in what a child reads, not in adult variants", () => {
    const long = "This sentence is much too long for a child to read easily because it keeps going on and on without a single stop.";
    expect(check({ en: { demo: { ...en, done: "Short.", done_child: long, pick_adult: long } } })).toEqual([
      'warning: locales/en/demo.json: done_child: a sentence of 23 words is long for a child (aim for 20 or fewer): "This sentence is much too long…"',
    ]);
  });

  it("warns about keys the source does not have", () => {
    expect(check({ en: { demo: en }, es: { demo: { ...en, n_many: "x {{count}}", typo: "x" } } })).toEqual(['warning: locales/es/demo.json: typo: not in the source language (locales/en/demo.json): a typo, or left over?']);
  });
});

describe("helpers", () => {
  it("splits keys into message, audience and plural form; a lone name_other is a name", () => {
    expect(keyParts("done_child_one")).toEqual({ base: "done", audience: "child", plural: "one" });
    const plural = pluralMessages(["limit_one", "limit_other", "name_other"]);
    expect(keyParts("name_other", plural)).toEqual({ base: "name_other" });
    expect(keyParts("limit_few", plural)).toEqual({ base: "limit", plural: "few" });
  });

  it("knows each language's CLDR categories", () => {
    expect(pluralCategories("ar")).toEqual(["zero", "one", "two", "few", "many", "other"]);
    expect(pluralCategories("uk")).toEqual(["one", "few", "many", "other"]);
    expect(pluralCategories("sw")).toEqual(["one", "other"]);
  });

  it("finds bidi controls by code point position", () => {
    expect(findBidiControls("a\u202Bb\u061C")).toEqual([{ code: "U+202B", at: 2 }, { code: "U+061C", at: 4 }]);
    expect(findBidiControls("نعم، ٣ أيام")).toEqual([]);
  });

  it("splits sentences at . ! ? ؟ but not inside dates", () => {
    expect(sentences("Write 15.03.2024. Or not? هل أنت بخير؟ نعم")).toEqual(["Write 15.03.2024.", "Or not?", "هل أنت بخير؟", "نعم"]);
    expect(wordCount("« aide » : les numéros")).toBe(3);
  });
});
