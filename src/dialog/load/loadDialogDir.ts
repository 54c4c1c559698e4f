/** Reads every `*.yaml` dialog file in a folder (and its subfolders, e.g. `archive/` for older versions). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { LoadedDialog } from "../check/context.js";
import { parseDialogFile } from "./parseDialogFile.js";
import type { Problem } from "./problem.js";

export interface LoadedDialogs {
  readonly loaded: LoadedDialog[];
  readonly problems: Problem[];
}

export function listDialogFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort()
    .map((name) => join(dir, name));
}

/** `files` are read as given; problems name them relative to `base` (the project folder). */
export function loadDialogFiles(files: readonly string[], base: string): LoadedDialogs {
  const loaded: LoadedDialog[] = [];
  const problems: Problem[] = [];
  for (const path of files) {
    const file = relative(base, path) || path;
    const result = parseDialogFile(file, readFileSync(path, "utf8"));
    if (result.ok) loaded.push({ file, dialog: result.dialog });
    else problems.push(...result.problems);
  }
  return { loaded, problems };
}
