/**
 * Golden conversations: each `test/dialogs/*.json` is played on a fixed clock with counting ids and
 * must give exactly its stored transcript. Regenerate on purpose with UPDATE_GOLDEN=1 (or
 * `kinlink dialogs test --update`), then review the diff.
 */
import { describe, expect, it } from "@jest/globals";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { goldenFiles, runGoldenFile } from "../../src/cli/dialogsTest.js";
import { projectContent } from "../helpers/project.js";

const content = projectContent();
const files = goldenFiles(dirname(fileURLToPath(import.meta.url)));
const update = process.env["UPDATE_GOLDEN"] === "1";

describe("golden conversations", () => {
  it("exist for both dialogs", () => {
    expect(files.some((f) => f.includes("intake"))).toBe(true);
    expect(files.some((f) => f.includes("tracing"))).toBe(true);
  });

  it.each(files)("%s", (file) => {
    const outcome = runGoldenFile(content, file, update);
    expect(outcome.detail ?? "").toBe("");
    expect(outcome.status).toBe(update ? "updated" : "passed");
  });
});
