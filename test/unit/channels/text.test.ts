/** Shortening and splitting text for channel limits without breaking a letter, an emoji or an Arabic mark. */
import { describe, expect, it } from "@jest/globals";
import { fitText } from "../../../src/channels/text/fitText.js";
import { splitText } from "../../../src/channels/text/splitText.js";

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
const hasLoneSurrogate = (text: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe("fitText", () => {
  it("leaves text within the limit alone", () => {
    expect(fitText("Так", 20)).toBe("Так");
  });

  it("never cuts inside an emoji sequence, a flag or a letter with combining marks", () => {
    const family = "👨‍👩‍👧‍👦";
    for (const label of [`Сім'я ${family}${family}${family}`, "🇺🇦🇸🇩🇨🇩🇺🇦🇸🇩🇨🇩🇺🇦", "مُسَاعَدَةٌ عَاجِلَةٌ لِلْأَطْفَالِ", "й̆й̆й̆й̆й̆й̆й̆й̆й̆й̆й̆й̆"]) {
      for (let limit = 2; limit < 24; limit++) {
        const fitted = fitText(label, limit);
        expect(fitted.length).toBeLessThanOrEqual(limit);
        expect(hasLoneSurrogate(fitted)).toBe(false);
        const kept = graphemes(fitted.endsWith("…") && fitted !== label ? fitted.slice(0, -1) : fitted);
        expect(graphemes(label).slice(0, kept.length).join("").trimEnd()).toBe(kept.join(""));
      }
    }
  });
});

describe("splitText", () => {
  it("keeps every word, prefers paragraph breaks, and keeps each part within the limit", () => {
    const text = ["a".repeat(30), "b".repeat(30), "c".repeat(30)].join("\n\n");
    expect(splitText(text, 70)).toEqual([`${"a".repeat(30)}\n\n${"b".repeat(30)}`, "c".repeat(30)]);
  });

  it("cuts a text without spaces between graphemes", () => {
    const text = "👍🏽".repeat(10);
    const parts = splitText(text, 9);
    expect(parts.join("")).toBe(text);
    expect(parts.every((p) => p.length <= 9 && !hasLoneSurrogate(p))).toBe(true);
  });

  it("returns one empty part for empty text", () => {
    expect(splitText("", 10)).toEqual([""]);
  });
});
