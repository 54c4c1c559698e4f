import { describe, expect, it } from "@jest/globals";
import { cleanText, normalizeForMatch, toAsciiDigits } from "../../../src/dialog/answers/normalize.js";
import { parseChoice, parseMultiChoice } from "../../../src/dialog/answers/parseChoice.js";
import { parseDate } from "../../../src/dialog/answers/parseDate.js";
import { parseNumber } from "../../../src/dialog/answers/parseNumber.js";
import { parseLocationText, parsePhone, parseText, parseYesNo } from "../../../src/dialog/answers/parseSimple.js";
import { englishVocabulary as v } from "../../helpers/engine.js";

const NOW = new Date("2026-03-20T12:00:00.000Z");
const age = { min: 0, max: 17, integer: true };

describe("normalising what people type", () => {
  it("converts digits of any script", () => {
    expect(toAsciiDigits("٧ ۱۲ १० ７")).toBe("7 12 10 7");
  });
  it("folds case, accents, Arabic marks and letter variants, and punctuation", () => {
    expect(normalizeForMatch("  Oui ! ")).toBe("oui");
    expect(normalizeForMatch("Ñandú")).toBe("nandu");
    expect(normalizeForMatch("أَنا")).toBe(normalizeForMatch("انا"));
    expect(normalizeForMatch("I DON'T KNOW.")).toBe("i don't know");
  });
  it("cleans saved text of control and invisible characters but keeps the words", () => {
    expect(cleanText("\u202BAmina\u202C\u0007  bint\tAli ")).toBe("Amina bint Ali");
    expect(cleanText("e\u0301")).toBe("é");
  });
});

describe("numbers", () => {
  it.each([
    ["7", 7, false],
    ["٧", 7, false],
    ["about 7", 7, true],
    ["7?", 7, true],
    ["seven", 7, false],
    ["I think she is twelve", 12, true],
    ["5 or 6", 6, true],
    ["5-6", 6, true],
    ["7 years", 7, false],
  ])("reads %p as %p (estimated: %p)", (text, value, estimated) => {
    expect(parseNumber(text, age, v)).toEqual({ ok: true, value, estimated });
  });
  it.each([
    ["", "not_a_number"],
    ["banana", "not_a_number"],
    ["18", "out_of_range"],
    ["-1", "not_a_number"],
    ["7.5", "not_a_whole_number"],
    ["3 and 12 and 4", "ambiguous_number"],
  ])("rejects %p (%s)", (text, reason) => {
    expect(parseNumber(text, age, v)).toMatchObject({ ok: false, reason });
  });
});

describe("dates", () => {
  it.each([
    ["2024-03-15", "2024-03-15", false],
    ["15/3/2024", "2024-03-15", false],
    ["15.03.24", "2024-03-15", false],
    ["15 March 2024", "2024-03-15", false],
    ["today", "2026-03-20", false],
    ["yesterday", "2026-03-19", false],
  ])("reads the exact date %p", (text, value, estimated) => {
    expect(parseDate(text, false, NOW, v)).toEqual({ ok: true, value, estimated });
  });
  it.each([
    ["3 days ago", "2026-03-17"],
    ["about two weeks ago", "2026-03-06"],
    ["a week ago", "2026-03-13"],
    ["last month", "2026-02-20"],
    ["last year", "2025-03-20"],
    ["in May", "2025-05-15"],
    ["March 2022", "2022-03-15"],
    ["2019", "2019-07-01"],
  ])("reads the approximate date %p", (text, value) => {
    expect(parseDate(text, true, NOW, v)).toEqual({ ok: true, value, estimated: true });
  });
  it("rejects impossible, future and unreadable dates", () => {
    expect(parseDate("31/02/2024", true, NOW, v)).toMatchObject({ ok: false, reason: "not_a_date" });
    expect(parseDate("2027-01-01", true, NOW, v)).toMatchObject({ ok: false, reason: "date_in_future" });
    expect(parseDate("when the rain came", true, NOW, v)).toMatchObject({ ok: false, reason: "not_a_date" });
    expect(parseDate("3 days ago", false, NOW, v)).toMatchObject({ ok: false, reason: "not_a_date" });
  });
});

describe("choices", () => {
  const choices = [
    { id: "female", label: "Girl" },
    { id: "male", label: "Boy" },
    { id: "other", label: "Other" },
  ];
  it("reads the number, the label, a unique beginning, or the id", () => {
    expect(parseChoice("2", choices)).toEqual({ ok: true, value: "male" });
    expect(parseChoice(" girl. ", choices)).toEqual({ ok: true, value: "female" });
    expect(parseChoice("oth", choices)).toEqual({ ok: true, value: "other" });
    expect(parseChoice("female", choices)).toEqual({ ok: true, value: "female" });
  });
  it("rejects what it cannot place", () => {
    expect(parseChoice("4", choices)).toMatchObject({ ok: false, reason: "not_a_choice" });
    expect(parseChoice("b", choices)).toMatchObject({ ok: false });
  });
  it("reads several choices, in the list's order, without duplicates", () => {
    expect(parseMultiChoice("3, 1, 1", choices, v.range_joiners)).toEqual({ ok: true, value: ["female", "other"] });
    expect(parseMultiChoice("girl and boy", choices, v.range_joiners)).toEqual({ ok: true, value: ["female", "male"] });
    expect(parseMultiChoice("1, 9", choices, v.range_joiners)).toMatchObject({ ok: false });
  });
});

describe("yes/no, phone, text and places", () => {
  it("understands yes and no as people write them", () => {
    expect(parseYesNo("Yes please", v)).toEqual({ ok: true, value: true });
    expect(parseYesNo("NO.", v)).toEqual({ ok: true, value: false });
    expect(parseYesNo("2", v)).toEqual({ ok: true, value: false });
    expect(parseYesNo("nobody knows", v)).toMatchObject({ ok: false });
  });
  it("normalises phone numbers and refuses what cannot be one", () => {
    expect(parsePhone("+243 (81) 234-5678")).toEqual({ ok: true, value: "+243812345678" });
    expect(parsePhone("00 380 50 123 4567")).toEqual({ ok: true, value: "+380501234567" });
    expect(parsePhone("٠٩١٢٣٤٥٦٧٨")).toEqual({ ok: true, value: "0912345678" });
    expect(parsePhone("12")).toMatchObject({ ok: false, reason: "not_a_phone" });
    expect(parsePhone("call my uncle")).toMatchObject({ ok: false, reason: "not_a_phone" });
  });
  it("limits text by what a person sees, not by bytes", () => {
    expect(parseText("😀".repeat(20), 20)).toEqual({ ok: true, value: "😀".repeat(20) });
    expect(parseText("x".repeat(21), 20)).toEqual({ ok: false, reason: "too_long", params: { max: 20, count: 20 } });
    expect(parseText(" \u200B ", 20)).toMatchObject({ ok: false, reason: "empty" });
  });
  it("takes a place as free text", () => {
    expect(parseLocationText("Goma, near the market")).toEqual({ ok: true, value: { text: "Goma, near the market" } });
    expect(parseLocationText("?")).toMatchObject({ ok: false, reason: "not_a_place" });
  });
});
