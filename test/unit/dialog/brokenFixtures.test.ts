/**
 * One broken dialog per rule of `kinlink dialogs check`, each with the exact message(s) it must give
 * (the `# expect:` lines at the top of the fixture). The check runs as the CLI runs it: with the
 * project's locales, on that one file.
 */
import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../../../src/dialog/load/problem.js";
import { projectContent, ROOT } from "../../helpers/project.js";

const DIR = join(ROOT, "test", "fixtures", "broken-dialogs");
const fixtures = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();
const languages = Object.keys(projectContent().locales.resources).sort();

function expectations(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const exact = /^# expect: (.*)$/.exec(line);
    if (exact?.[1]) lines.push(exact[1]);
    const perLanguage = /^# expect-each-language: (.*)$/.exec(line);
    if (perLanguage?.[1]) for (const lang of languages) lines.push(perLanguage[1].replaceAll("{lang}", lang));
  }
  return lines;
}

describe("kinlink dialogs check rejects each broken fixture with its exact message", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(18);
  });

  it.each(fixtures)("%s", (name) => {
    const path = join(DIR, name);
    const expected = expectations(readFileSync(path, "utf8"));
    expect(expected.length).toBeGreaterThan(0);
    const content = projectContent({ dialogFiles: [path] });
    const file = `test/fixtures/broken-dialogs/${name}`;
    const got = content.problems.filter((p) => p.file === file).map(formatProblem);
    expect(got.sort()).toEqual(expected.sort());
  });
});
