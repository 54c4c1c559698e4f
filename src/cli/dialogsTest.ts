/**
 * `kinlink dialogs test [--update] [FILE...]`: plays golden conversations (default: test/dialogs/*.json)
 * and compares them with their stored transcripts. `--update` (or UPDATE_GOLDEN=1) rewrites them.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Content } from "../app/content.js";
import { GoldenSchema, playGolden, type TranscriptTurn } from "../app/golden.js";
import { loadProject } from "./project.js";

export interface GoldenOutcome {
  readonly file: string;
  readonly status: "passed" | "failed" | "updated" | "invalid";
  readonly detail?: string;
}

function firstDifference(expected: readonly TranscriptTurn[], actual: readonly TranscriptTurn[]): string {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (!isDeepStrictEqual(expected[i], actual[i])) {
      return `turn ${i}: expected ${JSON.stringify(expected[i])}\n       got      ${JSON.stringify(actual[i])}`;
    }
  }
  return "transcripts differ";
}

export function runGoldenFile(content: Content, file: string, update: boolean): GoldenOutcome {
  let golden;
  try {
    golden = GoldenSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    return { file, status: "invalid", detail: error instanceof Error ? error.message.split("\n")[0] ?? "" : "unreadable" };
  }
  const { transcript } = playGolden(content, golden);
  if (update) {
    writeFileSync(file, `${JSON.stringify({ ...golden, transcript }, null, 2)}\n`);
    return { file, status: "updated" };
  }
  if (!golden.transcript) return { file, status: "failed", detail: "no transcript yet: run with --update and review it" };
  if (isDeepStrictEqual(golden.transcript, transcript)) return { file, status: "passed" };
  return { file, status: "failed", detail: firstDifference(golden.transcript, transcript) };
}

export function goldenFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

export function dialogsTest(files: readonly string[], update: boolean, out: (line: string) => void): number {
  const { content, config } = loadProject();
  const list = files.length > 0 ? [...files] : goldenFiles(join(config.root, "test", "dialogs"));
  const outcomes = list.map((file) => runGoldenFile(content, file, update));
  for (const o of outcomes) out(`${o.status.padEnd(7)} ${relative(process.cwd(), o.file)}${o.detail ? `\n        ${o.detail}` : ""}`);
  const failed = outcomes.filter((o) => o.status === "failed" || o.status === "invalid").length;
  out(`${outcomes.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
