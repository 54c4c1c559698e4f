import { describe, expect, it } from "@jest/globals";
import { join } from "node:path";
import { Readable } from "node:stream";
import { riskCommand } from "../../../src/cli/risk.js";
import { ROOT } from "../../helpers/project.js";

const LOCALES = ["--locales", join(ROOT, "locales")];

async function run(argv: string[], input = ""): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await riskCommand([...argv, ...LOCALES], Readable.from([input]), (line) => lines.push(line));
  return { code, lines };
}

describe("kinlink risk", () => {
  it("answers each JSONL line with one line, through the bot's classifier", async () => {
    const input = ['{"id":"a","lang":"en","text":"he beats me every night"}', "", '{"id":2,"lang":"fr","text":"bonjour"}', ""].join("\n");
    const { code, lines } = await run([], input);
    expect(code).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { id: "a", escalate: true, level: "high", categories: ["physical_violence"], reasons: [expect.objectContaining({ rule: "en:physical_violence.beats", matched: ["beats", "me"] })], provisional: true },
      { id: 2, escalate: false, level: "none", categories: [], reasons: [], provisional: true },
    ]);
  });

  it("turns a bad line into an error line with a code, never quoting the text, and goes on", async () => {
    const input = ['{"id":"x","lang":"en"', '{"id":"y","lang":"en","text":42}', "[1,2]", '{"id":"z","lang":"en","text":"i want to die"}'].join("\n");
    const { code, lines } = await run([], input);
    const out = lines.map((l) => JSON.parse(l));
    expect(out[0]).toEqual({ id: null, error: { code: "INVALID_JSON", line: 1, message: "not a JSON object" } });
    expect(out[1]).toMatchObject({ id: "y", error: { code: "INVALID_MESSAGE", line: 2 } });
    expect(out[1].error.message).toContain("text");
    expect(out[2]).toMatchObject({ id: null, error: { code: "INVALID_MESSAGE", line: 3 } });
    expect(out[3]).toMatchObject({ id: "z", level: "high" });
    expect(code).toBe(1);
  });

  it("refuses to run with a usage error", async () => {
    expect((await run(["--eval"])).code).toBe(2);
    expect((await run(["--bogus"])).code).toBe(2);
  });
});

describe("kinlink risk --eval: the regression guard of issue #6", () => {
  it("meets >= 95% recall of high-risk messages and <= 10% false alarms in every language, on the held-out set", async () => {
    const files = ["en", "fr", "es", "ar", "uk", "sw"].map((l) => join(ROOT, "test", "risk", "eval", `${l}.jsonl`));
    const { code, lines } = await run(["--eval", ...files]);
    const perLanguage = lines.filter((l) => /^[a-z]{2} {2}n=/.test(l));
    expect(perLanguage).toHaveLength(6);
    for (const line of perLanguage) expect(line).toMatch(/ ok$/);
    expect(lines.at(-1)).toContain("all languages meet them");
    expect(code).toBe(0);
  });

  it("meets the targets on the development set too", async () => {
    const files = ["en", "fr", "es", "ar", "uk", "sw"].map((l) => join(ROOT, "test", "risk", "dev", `${l}.jsonl`));
    expect((await run(["--eval", ...files])).code).toBe(0);
  });
});
