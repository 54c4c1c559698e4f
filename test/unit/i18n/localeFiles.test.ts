/**
 * The shipped locales pass the check, and breaking one file makes `kinlink dialogs check` fail with
 * the key, the language and the file: a missing message, a missing audience variant, a missing plural
 * form, an invisible bidi mark, a placeholder typo, a button label too long for WhatsApp.
 */
import { describe, expect, it } from "@jest/globals";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatProblem } from "../../../src/dialog/load/problem.js";
import { projectContent, ROOT } from "../../helpers/project.js";

const LANGS = ["en", "fr", "es", "ar", "uk", "sw"];

/** Copies locales/ to a temporary folder, lets the test change one file, and returns the check's errors. */
function errorsAfter(lang: string, file: string, change: (json: Record<string, unknown>) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), "kinlink-locales-"));
  try {
    cpSync(join(ROOT, "locales"), dir, { recursive: true });
    const path = join(dir, lang, file);
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
    const content = projectContent({ localesDir: dir });
    return content.problems.filter((p) => p.severity === "error").map((p) => formatProblem(p).replaceAll(dir, "locales"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const group = (json: Record<string, unknown>, key: string): Record<string, unknown> => json[key] as Record<string, unknown>;

describe("shipped locales", () => {
  const content = projectContent();

  it("ship every language with a review status and pass the check without errors or warnings", () => {
    expect(Object.keys(content.locales.resources).sort()).toEqual([...LANGS].sort());
    expect(content.problems.map(formatProblem)).toEqual([]);
    for (const lang of LANGS.filter((l) => l !== "en")) {
      expect(content.locales.metas.get(lang)?.review).toEqual({ status: "machine-drafted", note: "machine-drafted, needs native review" });
    }
    expect(content.locales.metas.get("ar")?.direction).toBe("rtl");
  });

  it("are all offered by the deployment", () => {
    expect([...content.languages].sort()).toEqual([...LANGS].sort());
  });
});

describe("a broken locale fails the check with key, language and file", () => {
  it("a message a dialog names", () => {
    const errors = errorsAfter("fr", "intake.json", (json) => delete json["age"]);
    expect(errors).toContain('dialogs/intake.yaml: steps.age.text: message "age" is missing in locales/fr/intake.json');
  });

  it("an audience variant", () => {
    const errors = errorsAfter("uk", "intake.json", (json) => delete json["age_child"]);
    expect(errors).toEqual(["locales/uk/intake.json: age_child: message missing (it is in locales/en/intake.json)"]);
  });

  it("a message only the renderer sends", () => {
    const errors = errorsAfter("sw", "common.json", (json) => delete group(json, "hint")["location"]);
    expect(errors).toEqual(["locales/sw/common.json: hint.location: message missing (it is in locales/en/common.json)"]);
  });

  it("a caseworker's quick reply, in a translation and in the source language", () => {
    const quick = (json: Record<string, unknown>) => group(group(json, "caseworker"), "quick");
    expect(errorsAfter("sw", "common.json", (json) => delete quick(json)["safe"])).toEqual([
      "locales/sw/common.json: caseworker.quick.safe: message missing (a caseworker sends it from the console's quick replies)",
    ]);
    // Required in the source language too, not merely "present in translations because it is in English".
    expect(errorsAfter("en", "common.json", (json) => delete quick(json)["danger"])).toContain(
      "locales/en/common.json: caseworker.quick.danger: message missing (a caseworker sends it from the console's quick replies)",
    );
  });

  it("a quick reply's help-contact placeholder", () => {
    const errors = errorsAfter("fr", "common.json", (json) => (group(group(json, "caseworker"), "quick")["danger"] = "Si vous êtes en danger maintenant, appelez le {{urgence}}."));
    expect(errors).toContain("locales/fr/common.json: caseworker.quick.danger: placeholders differ from the source: missing {{emergency}}, {{helpline}}; unknown {{urgence}}");
  });

  it("a plural form (Arabic needs six)", () => {
    const errors = errorsAfter("ar", "common.json", (json) => delete group(json, "repeat")["limit_few"]);
    expect(errors).toEqual(["locales/ar/common.json: repeat.limit: plural forms missing: few (ar uses zero, one, two, few, many, other)"]);
  });

  it("a placeholder typo", () => {
    const errors = errorsAfter("es", "intake.json", (json) => (json["done"] = "Gracias. Tu referencia es {{referencia}}. Una persona de {{org}} te escribirá."));
    expect(errors).toEqual(["locales/es/intake.json: done: placeholders differ from the source: missing {{ref}}; unknown {{referencia}}"]);
  });

  it("an invisible bidi mark", () => {
    const errors = errorsAfter("ar", "common.json", (json) => (group(json, "answer")["yes"] = "\u200Fنعم"));
    expect(errors).toEqual(["locales/ar/common.json: answer.yes: invisible bidi control U+200F at character 1: chat text must not carry them, remove it"]);
  });

  it("a button label over WhatsApp's 20 characters", () => {
    const errors = errorsAfter("fr", "intake.json", (json) => (group(json, "who_choice")["parent"] = "Un parent ou un tuteur légal"));
    expect(errors).toEqual(['locales/fr/intake.json: who_choice.parent: "Un parent ou un tuteur légal" is 28 characters; a WhatsApp reply button title holds 20 (intake/who shows 3 choices)']);
  });
});
