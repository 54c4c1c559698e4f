import { afterAll, describe, expect, it } from "@jest/globals";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileLexicon } from "../../../src/risk/compileLexicon.js";
import { LexiconSchema, type LexiconInput } from "../../../src/risk/lexiconSchema.js";
import { loadLexicons } from "../../../src/risk/loadLexicons.js";
import { parsePhrase } from "../../../src/risk/phrase.js";

const dir = mkdtempSync(join(tmpdir(), "kinlink-risk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeLexicon(lang: string, content: unknown): void {
  mkdirSync(join(dir, lang), { recursive: true });
  writeFileSync(join(dir, lang, "risk.json"), typeof content === "string" ? content : JSON.stringify(content));
}

const minimal: LexiconInput = {
  language: "xx",
  version: 1,
  categories: { self_harm: [{ id: "wish_to_die", level: "high", phrases: ["want* to die"] }] },
};

describe("risk.json problems come back with file and path", () => {
  it("reports every mistake at once, schema and phrase syntax alike", () => {
    writeLexicon("aa", { ...minimal, language: "aa", extra: 1, categories: { self_harm: [{ id: "Bad Id", level: "urgent", phrases: [] }], violence: [] } });
    writeLexicon("bb", { ...minimal, language: "bb", categories: { self_harm: [{ id: "x", level: "high", phrases: ["a*", "(two words)", "... die", "kill/(me)"] }] } });
    writeLexicon("cc", "{ not json");
    writeLexicon("dd", { ...minimal, language: "fr" });
    mkdirSync(join(dir, "ee"), { recursive: true });
    const { lexicons, problems } = loadLexicons(dir);
    const lines = problems.map((p) => `${p.severity} ${p.file.slice(dir.length + 1)}: ${p.path}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'error aa/risk.json: (top): unknown key "extra"',
        'error aa/risk.json: categories: unknown key "violence"',
        "error aa/risk.json: categories.self_harm[0].id: use lower-case letters, digits and _ (at most 60)",
        'error aa/risk.json: categories.self_harm[0].level: expected one of "low", "medium", "high"',
        'error bb/risk.json: categories.self_harm[0].phrases[0]: "a*": a word with * needs at least 3 letters (a doubled letter counts once)',
        'error bb/risk.json: categories.self_harm[0].phrases[1]: "(two": brackets go around one whole word, like "(really)"',
        'error bb/risk.json: categories.self_harm[0].phrases[2]: "..." goes between words, not at the start or end',
        'error bb/risk.json: categories.self_harm[0].phrases[3]: "kill/(me)": brackets go around one whole word, like "(really)"',
        expect.stringMatching(/^error cc\/risk\.json: \(top\): not valid JSON/),
        'error dd/risk.json: language: "fr" does not match the folder "dd"',
        "warning ee/risk.json: (top): missing: messages in this language are only scanned with the English lexicon",
        "warning dd/risk.json: categories.neglect: no entries: this category is never flagged in this language",
      ]),
    );
    expect(lines.filter((l) => l.includes("(top): unknown key") || l.includes("categories: unknown key"))).toHaveLength(2);
    // A lexicon with errors is left out rather than half-used.
    expect([...lexicons.keys()]).toEqual([]);
  });

  it("rejects a spelling key of several words", () => {
    const parsed = LexiconSchema.parse({ ...minimal, spellings: { "my self": "myself" } });
    expect(compileLexicon(parsed).problems).toEqual([{ path: "spellings.my self", message: "the spelling to replace must be one word" }]);
  });
});

describe("phrase syntax", () => {
  const spellings = new Map([["dont", ["do", "not"]]]);
  it("reads stems, endings, alternatives, optional words, wildcards and gaps", () => {
    const parsed = parsePhrase("beat*/*piga (really) * ... me", spellings);
    expect(parsed).toEqual({
      ok: true,
      elements: [
        { kind: "word", optional: false, alternatives: [{ kind: "prefix", text: "beat" }, { kind: "suffix", text: "piga" }] },
        { kind: "word", optional: true, alternatives: [{ kind: "exact", text: "realy" }] },
        { kind: "any" },
        { kind: "gap", max: 3 },
        { kind: "word", optional: false, alternatives: [{ kind: "exact", text: "me" }] },
      ],
    });
  });
  it("applies spellings to the phrase as to the message, and refuses them inside alternatives", () => {
    expect(parsePhrase("don't live", spellings)).toMatchObject({ ok: true, elements: [{ alternatives: [{ text: "do" }] }, { alternatives: [{ text: "not" }] }, { alternatives: [{ text: "live" }] }] });
    expect(parsePhrase("dont/never live", spellings)).toEqual({ ok: false, message: '"dont" becomes several words ("do not"): write it as its own phrase' });
  });
  it("needs a required word and bounds the length", () => {
    expect(parsePhrase("(maybe) *", spellings)).toEqual({ ok: false, message: "needs at least one required word" });
    expect(parsePhrase(Array.from({ length: 13 }, () => "a").join(" "), spellings).ok).toBe(false);
  });
});
