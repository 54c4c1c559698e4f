import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../../../src/dialog/load/problem.js";
import { ENGINE_MESSAGE_KEYS } from "../../../src/dialog/engine/messageKeys.js";
import { projectContent, ROOT } from "../../helpers/project.js";

describe("the shipped dialogs and locales", () => {
  it("pass every check", () => {
    const content = projectContent();
    expect(content.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(content.dialogs.flows().map((d) => d.id).sort()).toEqual(["intake", "tracing"]);
  });

  it("list every common message the engine sends, so the check can require it", () => {
    const source = (dir: string): string[] => readdirSync(join(ROOT, dir)).map((f) => readFileSync(join(ROOT, dir, f), "utf8"));
    const used = new Set<string>();
    for (const text of source("src/dialog/engine")) {
      for (const match of text.matchAll(/"(common:[a-z_.]+)"/g)) if (match[1]) used.add(match[1]);
      for (const match of text.matchAll(/reject\(turn, frame, step, \{ reason: "([a-z_]+)"/g)) if (match[1]) used.add(`common:invalid.${match[1]}`);
      for (const match of text.matchAll(/\{ ok: false, reason: "([a-z_]+)"/g)) if (match[1]) used.add(`common:invalid.${match[1]}`);
    }
    // Re-prompts are built from the reason code: `common:invalid.${reason}`.
    for (const text of source("src/dialog/answers")) {
      for (const match of text.matchAll(/fail\("([a-z_]+)"/g)) if (match[1]) used.add(`common:invalid.${match[1]}`);
    }
    const listed = new Set<string>(ENGINE_MESSAGE_KEYS);
    expect([...used].filter((k) => !listed.has(k))).toEqual([]);
  });

  it("word every child-facing question for the child where the adult wording differs", () => {
    const intake = JSON.parse(readFileSync(join(ROOT, "locales", "en", "intake.json"), "utf8")) as Record<string, unknown>;
    for (const key of ["age", "safe_now", "name_first", "location_current", "protection_status", "shelter"]) {
      expect(typeof intake[`${key}_child`]).toBe("string");
    }
  });
});
