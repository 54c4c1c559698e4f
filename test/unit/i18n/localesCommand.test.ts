/** `kinlink locales export` then `import`: a translator's round trip, on a copy of the project. */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localesCommand } from "../../../src/cli/locales.js";
import { readCsv, writeCsv } from "../../../src/i18n/exchange/csv.js";
import { projectContent, ROOT } from "../../helpers/project.js";

let dir = "";
const saved = process.env["KINLINK_ROOT"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kinlink-project-"));
  for (const name of ["dialogs", "locales", "deployment.yaml"]) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  process.env["KINLINK_ROOT"] = dir;
});

afterAll(() => {
  if (saved === undefined) delete process.env["KINLINK_ROOT"];
  else process.env["KINLINK_ROOT"] = saved;
  rmSync(dir, { recursive: true, force: true });
});

function run(...argv: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = localesCommand(argv, (line) => lines.push(line));
  return { code, lines };
}

describe("kinlink locales", () => {
  it("exports, takes a translator's edits back, and writes stable 2-space JSON", () => {
    const file = join(dir, "sw.csv");
    expect(run("export", "--lang", "sw", "--format", "csv", "--out", file).code).toBe(0);
    const rows = readCsv(readFileSync(file, "utf8"));
    const header = rows[0] ?? [];
    const row = rows.find((r) => r[0] === "intake:age_child");
    if (!row) throw new Error("no intake:age_child row");
    row[header.indexOf("translation")] = "Una miaka mingapi? Kukisia ni sawa.";
    const broken = rows.find((r) => r[0] === "intake:done");
    if (!broken) throw new Error("no intake:done row");
    broken[header.indexOf("translation")] = "Asante, {{nambari}}";
    writeFileSync(file, writeCsv(rows));

    const before = readFileSync(join(dir, "locales", "sw", "intake.json"), "utf8");
    const dry = run("import", file, "--dry-run");
    expect(dry.code).toBe(1);
    expect(dry.lines).toContain('changed   intake:age_child: "Una umri gani? Kukisia ni sawa." -> "Una miaka mingapi? Kukisia ni sawa."');
    expect(dry.lines.some((l) => l.startsWith("rejected  intake:done") && l.includes("missing {{org}}, {{ref}}"))).toBe(true);
    expect(readFileSync(join(dir, "locales", "sw", "intake.json"), "utf8")).toBe(before);

    const real = run("import", file);
    expect(real.lines.at(-1)).toMatch(/wrote .*locales\/sw\/intake\.json$/);
    const after = readFileSync(join(dir, "locales", "sw", "intake.json"), "utf8");
    expect(after).toBe(before.replace('"Una umri gani? Kukisia ni sawa."', '"Una miaka mingapi? Kukisia ni sawa."'));

    const content = projectContent({ localesDir: join(dir, "locales") });
    expect(content.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("round-trips XLIFF with no change", () => {
    const file = join(dir, "ar.xlf");
    expect(run("export", "--lang", "ar", "--out", file).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain('target-language="ar"');
    const result = run("import", file);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([expect.stringMatching(/^ar: 0 changed, \d+ unchanged, 0 missing, 0 rejected$/)]);
  });

  it("refuses a file whose language is not a language code", () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "key,language,translation\ncommon:answer.yes,../../etc,x\n");
    expect(run("import", file)).toEqual({ code: 1, lines: [`${file}: "../../etc" is not a language code like sw, ar or fa-AF`] });
  });

  it("explains its usage", () => {
    expect(run("export", "--lang", "sw", "--format", "docx").code).toBe(2);
    expect(run().code).toBe(2);
  });
});
