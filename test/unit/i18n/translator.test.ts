import { describe, expect, it } from "@jest/globals";
import { createTranslator, pluralCount } from "../../../src/i18n/translator.js";
import { projectContent } from "../../helpers/project.js";

const { translator } = projectContent();

describe("plural messages", () => {
  it("take the one number in their params as the count when there is no count", () => {
    expect(pluralCount({ max: 3 })).toBe(3);
    expect(pluralCount({ count: 2, max: 3 })).toBe(2);
    expect(pluralCount({ min: 0, max: 17 })).toBeUndefined();
    expect(pluralCount({ org: "x" })).toBeUndefined();
  });

  it.each([
    ["ar", 1, "حرف واحد فقط"],
    ["ar", 2, "حتى حرفين"],
    ["ar", 3, "حتى 3 أحرف"],
    ["ar", 11, "حتى 11 حرفًا"],
    ["ar", 100, "حتى 100 حرف"],
    ["uk", 1, "до 1 символу"],
    ["uk", 3, "до 3 символів"],
    ["uk", 21, "до 21 символу"],
    ["sw", 1, "hadi herufi moja"],
    ["en", 500, "up to 500 letters"],
  ])("%s, %i: %s", (lang, max, expected) => {
    expect(translator.render("common:invalid.too_long", lang, undefined, { max })).toContain(expected);
  });

  it("leaves a key that only looks like a plural form alone", () => {
    expect(translator.render("sought_child:name_other", "fr")).toMatch(/alphabet/);
  });

  it("never adds bidi marks to right-to-left text", () => {
    expect(translator.render("common:safety.contacts", "ar")).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(translator.isRtl("ar")).toBe(true);
    expect(createTranslator({ resources: {} }).isRtl("en")).toBe(false);
  });
});
