import { describe, expect, it } from "@jest/globals";
import { classify, shipped } from "./lexicons.js";

describe("the shipped lexicons", () => {
  it("load without errors in every shipped language and cover all ten categories", () => {
    expect(shipped.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect([...shipped.lexicons.keys()].sort()).toEqual(["ar", "en", "es", "fr", "sw", "uk"]);
    expect(shipped.problems.filter((p) => p.path.startsWith("categories."))).toEqual([]);
  });
});

describe("the issue's own examples", () => {
  it.each([
    ["he beats me every night", "physical_violence"],
    ["I don't want to live anymore", "self_harm"],
  ])("%p escalates as high", (text, category) => {
    const a = classify(text, "en");
    expect(a).toMatchObject({ provisional: true, escalate: true, level: "high" });
    expect(a.categories).toContain(category);
  });
  it("puts help contacts first for self-harm and immediate danger", () => {
    expect(classify("I don't want to live anymore", "en").urgent).toBe(true);
    expect(classify("he beats me every night", "en").urgent).toBe(false);
  });
  it.each(["I'm dying to see my family", "my battery is dying", "we killed time at the market"])("%p is nothing", (text) => {
    expect(classify(text, "en")).toMatchObject({ escalate: false, level: "none", reasons: [] });
  });
  it("counts third-person disclosures", () => {
    expect(classify("my friend's father touches her", "en")).toMatchObject({ level: "high", categories: ["sexual_violence"] });
  });
});

describe("reasons for the caseworker", () => {
  it("quote the words as written, with the rule that matched", () => {
    const [reason] = classify("i dont WANNA liiive anymore!!", "en").reasons;
    expect(reason).toEqual({ source: "lexicon", lang: "en", category: "self_harm", level: "high", rule: "en:self_harm.wish_to_die", matched: ["dont", "WANNA", "liiive"], negated: false });
  });
  it("keep a negated disclosure at low, marked negated", () => {
    const a = classify("he doesn't hit me anymore", "en");
    expect(a).toMatchObject({ escalate: false, level: "low", categories: ["physical_violence"] });
    expect(a.reasons[0]?.negated).toBe(true);
  });
  it("do not let a negation reach past 'but'", () => {
    expect(classify("he is not my dad but he hits me", "en").level).toBe("high");
  });
  it("treat 'never stops' as no negation", () => {
    expect(classify("he never stops hitting me", "en").level).toBe("high");
  });
});

describe("English normalisation, chat spellings and inflection", () => {
  it.each([
    ["i want to kms", "self_harm"],
    ["thinking about unaliving myself", "self_harm"],
    ["KILL MYSELF", "self_harm"],
    ["he keeps beating us", "physical_violence"],
    ["my stepdad whipped me", "physical_violence"],
    ["im not safe at home", "immediate_danger"],
    ["sewer slide", "self_harm"],
  ])("%p -> %p", (text, category) => {
    const a = classify(text, "en");
    expect(a.escalate).toBe(true);
    expect(a.categories).toContain(category);
  });
  it.each(["hit me up later", "she beat me at fifa", "this homework is killing me", "lol my mom will kill me, i forgot my homework", "the war on the news is scary", "keep in touch"])(
    "%p does not escalate",
    (text) => expect(classify(text, "en").escalate).toBe(false),
  );
});

describe("French", () => {
  it.each([
    ["jveux plus vivre", "self_harm"],
    ["il m'a frappée", "physical_violence"],
    ["ils m'obligent à me marier", "child_marriage"],
    ["mon oncle me touche", "sexual_violence"],
  ])("%p -> %p", (text, category) => expect(classify(text, "fr").categories).toContain(category));
  it("reads the SMS negation that keeps only 'pas' or 'plus' after the verb", () => {
    expect(classify("il me frappe plus", "fr").level).toBe("low");
    expect(classify("il me frappe pas", "fr").level).toBe("low");
    expect(classify("il me frappe de plus en plus", "fr").level).toBe("high");
  });
  it.each(["je meurs d'envie de voir ma mère", "ma batterie est morte", "quelqu'un frappe à la porte"])("%p is nothing", (text) => expect(classify(text, "fr").escalate).toBe(false));
});

describe("Spanish", () => {
  it.each([
    ["ya no kiero vivir", "self_harm"],
    ["mi papa me pego con el cinturon", "physical_violence"],
    ["me toca mis partes", "sexual_violence"],
  ])("%p -> %p", (text, category) => expect(classify(text, "es").categories).toContain(category));
  it("'me toca' is usually 'it is my turn'", () => expect(classify("me toca lavar los platos", "es").escalate).toBe(false));
  it("negation before the verb", () => expect(classify("ya no me pega", "es").level).toBe("low"));
  it.each(["me muero de ganas de verte", "me pegó la gripa"])("%p is nothing", (text) => expect(classify(text, "es").escalate).toBe(false));
});

describe("Arabic", () => {
  it("folds hamza, alef and teh marbuta variants, and strips joined prefixes", () => {
    expect(classify("بدّي موت", "ar").categories).toEqual(["self_harm"]);
    expect(classify("وبيضربني كل يوم", "ar").categories).toEqual(["physical_violence"]);
    expect(classify("حيقتلني", "ar").categories).toEqual(["immediate_danger"]);
  });
  it("reads Egyptian, Gulf and Arabizi forms", () => {
    expect(classify("عايزة اموت", "ar").level).toBe("high");
    expect(classify("ابغى اموت", "ar").level).toBe("high");
    expect(classify("bade mout", "ar").level).toBe("high");
  });
  it.each(["بموت فيكي يا امي", "ضربت له تلفون امبارح", "البطارية خلصت"])("%p is nothing", (text) => expect(classify(text, "ar").escalate).toBe(false));
  it("Khartoum is not a hose", () => expect(classify("اخر مرة شفناها بالخرطوم", "ar").escalate).toBe(false));
});

describe("Ukrainian and the Russian many Ukrainians type", () => {
  it.each([
    ["тато б'є мене", "physical_violence"],
    ["тато бʼє мене", "physical_violence"],
    ["отчим бьёт меня", "physical_violence"],
    ["не хочу жити", "self_harm"],
    ["хочу умереть", "self_harm"],
  ])("%p -> %p", (text, category) => expect(classify(text, "uk").categories).toContain(category));
  it("negation", () => expect(classify("тато вже не б'є мене", "uk").level).toBe("low"));
  it.each(["вмираю від сміху", "телефон сів", "повітряна тривога знову, все добре"])("%p is nothing", (text) => expect(classify(text, "uk").escalate).toBe(false));
});

describe("Swahili and Sheng", () => {
  it("matches verbs by their ending, whatever subject and tense prefix", () => {
    for (const text of ["ananipiga", "alinipiga", "wananipiga", "baba hunipiga"]) expect(classify(text, "sw").categories).toEqual(["physical_violence"]);
  });
  it.each(["nilimpigia simu jana", "mpiga picha alikuja", "buda alinipigia simu", "hakuna anayenipiga hapa"])("%p does not escalate", (text) =>
    expect(classify(text, "sw").escalate).toBe(false),
  );
  it.each([
    ["nataka kujiua", "self_harm"],
    ["wanataka kunioza kwa mzee", "child_marriage"],
  ])("%p -> %p", (text, category) => expect(classify(text, "sw").categories).toContain(category));
});

describe("mixed languages and odd input", () => {
  it("scans every message with English too (code-switching)", () => {
    const a = classify("sasa hivi I want to die", "sw");
    expect(a.level).toBe("high");
    expect(a.reasons[0]?.lang).toBe("en");
  });
  it("scans with the lexicon of another script that appears in the message", () => {
    expect(classify("hello بدي موت", "fr").reasons.map((r) => r.lang)).toContain("ar");
    expect(classify("je dis хочу умереть", "fr").reasons.map((r) => r.lang)).toContain("uk");
  });
  it("uses every lexicon when the language is unknown", () => {
    expect(classify("nataka kufa", "xx").level).toBe("high");
  });
  it("copes with emoji, bidi controls, control characters and combining marks", () => {
    expect(classify("\u202e💀\u0000 i want to k\u0301ill myself 🔪", "en").categories).toEqual(["self_harm"]);
    expect(classify("", "en").level).toBe("none");
    expect(classify("😭😭😭", "en").level).toBe("none");
  });
  it("scans the end of a very long message, and stays fast", () => {
    const long = `${"we walked to the market and back again. ".repeat(500)}he beats me every night`;
    const started = performance.now();
    expect(classify(long, "en").level).toBe("high");
    expect(performance.now() - started).toBeLessThan(100);
  });
  it("is deterministic", () => {
    const text = "my uncle does things to me and says its our secret";
    expect(classify(text, "en")).toEqual(classify(text, "en"));
  });
});
