/** The labelled sets themselves: well-formed, big enough, balanced, and the dev and eval sets kept apart. */
import { describe, expect, it } from "@jest/globals";
import { join } from "node:path";
import { readLabelled } from "../../../src/cli/riskEval.js";
import { escalates } from "../../../src/risk/assessment.js";
import { ROOT } from "../../helpers/project.js";

const LANGS = ["en", "fr", "es", "ar", "uk", "sw"];
const read = (kind: string, lang: string) => {
  const problems: string[] = [];
  const items = readLabelled([join(ROOT, "test", "risk", kind, `${lang}.jsonl`)], problems);
  expect(problems).toEqual([]);
  return items;
};

describe.each(LANGS)("labelled messages in %s", (lang) => {
  const evalSet = read("eval", lang);
  const devSet = read("dev", lang);
  it("has at least 60 evaluation messages with positives and hard negatives", () => {
    expect(evalSet.length).toBeGreaterThanOrEqual(60);
    expect(evalSet.filter((i) => i.expected_level === "high").length).toBeGreaterThanOrEqual(30);
    expect(evalSet.filter((i) => !escalates(i.expected_level)).length).toBeGreaterThanOrEqual(25);
    expect(evalSet.every((i) => i.lang === lang)).toBe(true);
  });
  it("keeps the tuning set apart from the evaluation set", () => {
    const tuned = new Set(devSet.map((i) => i.text.toLowerCase()));
    expect(evalSet.filter((i) => tuned.has(i.text.toLowerCase())).map((i) => i.id)).toEqual([]);
  });
  it("labels every escalating message with at least one category", () => {
    expect(evalSet.filter((i) => escalates(i.expected_level) && i.expected_categories.length === 0).map((i) => i.id)).toEqual([]);
  });
});
