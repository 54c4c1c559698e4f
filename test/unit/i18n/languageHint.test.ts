import { describe, expect, it } from "@jest/globals";
import { countryLanguages } from "../../../src/i18n/countryLanguages.js";
import { suggestLanguage } from "../../../src/i18n/languageHint.js";

const OFFERED = ["en", "fr", "es", "ar", "uk", "sw"];

describe("suggestLanguage", () => {
  it("takes Telegram's language_code, by its primary language", () => {
    expect(suggestLanguage({ telegramLanguageCode: "fr-FR" }, OFFERED)).toBe("fr");
    expect(suggestLanguage({ telegramLanguageCode: "uk" }, OFFERED)).toBe("uk");
    expect(suggestLanguage({ telegramLanguageCode: "pt-br" }, OFFERED)).toBeUndefined();
    expect(suggestLanguage({ telegramLanguageCode: "fa-AF" }, ["fa-AF", "en"])).toBe("fa-AF");
    expect(suggestLanguage({ telegramLanguageCode: "fa" }, ["fa-AF", "en"])).toBe("fa-AF");
  });

  it("prefers Telegram's setting over the text", () => {
    expect(suggestLanguage({ telegramLanguageCode: "ar", text: "Habari, namtafuta mtoto wangu aliyepotea" }, OFFERED)).toBe("ar");
  });

  it("reads a WhatsApp number's country calling code, with or without +", () => {
    expect(suggestLanguage({ whatsappPhone: "33612345678" }, OFFERED)).toBe("fr");
    expect(suggestLanguage({ whatsappPhone: "+243 81 234 5678" }, OFFERED)).toBe("fr");
    expect(suggestLanguage({ whatsappPhone: "0022507123456" }, OFFERED)).toBe("fr");
    expect(suggestLanguage({ whatsappPhone: "+52 55 1234 5678" }, OFFERED)).toBe("es");
    expect(suggestLanguage({ whatsappPhone: "+963 944 123 456" }, OFFERED)).toBe("ar");
    expect(suggestLanguage({ whatsappPhone: "+20 100 123 4567" }, OFFERED)).toBe("ar");
    expect(suggestLanguage({ whatsappPhone: "+380 67 123 4567" }, OFFERED)).toBe("uk");
    expect(suggestLanguage({ whatsappPhone: "+254 712 345 678" }, OFFERED)).toBe("sw");
    expect(suggestLanguage({ whatsappPhone: "+255 712 345 678" }, OFFERED)).toBe("sw");
  });

  it("takes the country's next language when its first is not offered", () => {
    // Eastern DR Congo: French first, then Swahili.
    expect(suggestLanguage({ whatsappPhone: "+243 81 234 5678" }, ["en", "sw"])).toBe("sw");
    expect(suggestLanguage({ whatsappPhone: "+256 772 123 456" }, ["fr", "sw"])).toBe("sw");
    expect(suggestLanguage({ whatsappPhone: "+81 90 1234 5678" }, OFFERED)).toBeUndefined();
  });

  it("guesses from the text with franc, only among the offered languages, as a last resort", () => {
    expect(suggestLanguage({ text: "Я шукаю свою дитину, вона загубилася вчора на вокзалі" }, OFFERED)).toBe("uk");
    expect(suggestLanguage({ text: "أبحث عن ابني، ضاع منذ ثلاثة أيام" }, OFFERED)).toBe("ar");
    expect(suggestLanguage({ text: "Habari, namtafuta mtoto wangu aliyepotea jana" }, OFFERED)).toBe("sw");
    expect(suggestLanguage({ text: "Hola, estoy buscando a mi hija que se perdió en la frontera" }, OFFERED)).toBe("es");
  });

  it("suggests nothing from text too short or too close to call", () => {
    expect(suggestLanguage({ text: "hi" }, OFFERED)).toBeUndefined();
    expect(suggestLanguage({ text: "ok" }, OFFERED)).toBeUndefined();
    expect(suggestLanguage({}, OFFERED)).toBeUndefined();
  });

  it("never suggests a language that is not offered", () => {
    expect(suggestLanguage({ text: "Я шукаю свою дитину, вона загубилася вчора на вокзалі" }, ["en", "fr"])).not.toBe("uk");
    expect(suggestLanguage({ whatsappPhone: "+380 67 123 4567" }, ["en", "fr"])).toBeUndefined();
  });
});

describe("countryLanguages", () => {
  it("finds the calling code as the first 3, 2 or 1 digits", () => {
    expect(countryLanguages("212612345678")).toEqual(["ar", "fr"]);
    expect(countryLanguages("201001234567")).toEqual(["ar"]);
    expect(countryLanguages("14155550100")[0]).toBe("en");
    expect(countryLanguages("")).toEqual([]);
  });
});
