/**
 * The console's catalogs (en, fr, ar) are complete: the same keys in each, the same `{placeholders}`
 * per key, French and Arabic marked for native review, and every key the views use exists.
 */
import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSOLE_LANGUAGES, catalogFile, ConsoleI18n, loadCatalog, pickLanguage } from "../../../../src/console/web/i18n/consoleI18n.js";
import { FIELD_GROUPS } from "../../../../src/console/web/views/fields.js";
import { RECORD_FIELDS } from "../../../../src/domain/recordFields.js";
import { RISK_CATEGORIES, RISK_LEVELS } from "../../../../src/domain/risk.js";

const catalogs = new Map(CONSOLE_LANGUAGES.map((lang) => [lang, loadCatalog(lang)]));
const keysOf = (lang: (typeof CONSOLE_LANGUAGES)[number]) => [...(catalogs.get(lang)?.keys() ?? [])].filter((key) => !key.startsWith("_meta.")).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const WEB = fileURLToPath(new URL("../../../../src/console/web/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));
}

describe("the console catalogs", () => {
  it("have the same keys in every language", () => {
    for (const lang of CONSOLE_LANGUAGES) expect([lang, keysOf(lang)]).toEqual([lang, keysOf("en")]);
  });

  it("have the same placeholders for each key in every language, and no empty text", () => {
    const english = catalogs.get("en") ?? new Map<string, string>();
    for (const lang of CONSOLE_LANGUAGES) {
      const catalog = catalogs.get(lang) ?? new Map<string, string>();
      const wrong = keysOf("en").filter((key) => JSON.stringify(placeholders(catalog.get(key) ?? "")) !== JSON.stringify(placeholders(english.get(key) ?? "")));
      expect([lang, wrong]).toEqual([lang, []]);
      expect([lang, keysOf(lang).filter((key) => (catalog.get(key) ?? "").trim() === "")]).toEqual([lang, []]);
    }
  });

  it("mark the French and Arabic drafts as needing native review", () => {
    for (const lang of ["fr", "ar"] as const) {
      const meta = JSON.parse(readFileSync(catalogFile(lang), "utf8"))._meta;
      expect(meta).toMatchObject({ language: lang, review: "needs native review" });
    }
  });

  it("hold every key the views use literally, and the keys built from data", () => {
    const used = sources(WEB).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g)].map((m) => m[1] ?? ""));
    const built = [
      ...RISK_LEVELS.map((level) => `risk.level.${level}`),
      ...RISK_CATEGORIES.map((category) => `risk.category.${category}`),
      ...Object.keys(RECORD_FIELDS).map((name) => `field.${name}`),
      ...FIELD_GROUPS.map((group) => `group.${group.key}`),
      ...["pending", "claimed", "resolved", "released", "expired"].map((status) => `status.${status}`),
      ...["400", "403", "404", "500"].flatMap((status) => [`errors.${status}.title`, `errors.${status}.text`]),
    ];
    const english = catalogs.get("en") ?? new Map<string, string>();
    expect([...new Set([...used, ...built])].filter((key) => !english.has(key))).toEqual([]);
    expect(used.length).toBeGreaterThan(100);
  });

  it("translate with placeholders, falling back to English then to the key", () => {
    const ar = new ConsoleI18n().translator("ar");
    expect([ar.lang, ar.dir]).toEqual(["ar", "rtl"]);
    expect(ar("records.caseTitle", { ref: "7F3K-9QDZ" })).toBe("الحالة 7F3K-9QDZ");
    expect(ar("no.such.key")).toBe("no.such.key");
    expect(ar.has("nav.queue")).toBe(true);
  });
});

describe("the console language", () => {
  it("comes from the cookie, else the best Accept-Language we have, else English", () => {
    expect(pickLanguage("ar", "fr-FR,fr;q=0.9")).toBe("ar");
    expect(pickLanguage(undefined, "de-DE,fr;q=0.8,ar;q=0.9")).toBe("ar");
    expect(pickLanguage("xx", "fr-CA")).toBe("fr");
    expect(pickLanguage(undefined, "de, sw;q=0.5")).toBe("en");
    expect(pickLanguage(undefined, "fr;q=0, en;q=0.1")).toBe("en");
    expect(pickLanguage(undefined, undefined)).toBe("en");
  });
});
