/**
 * `kinlink dialogs check [--dialogs DIR] [--locales DIR] [FILE...]`: everything that can be known
 * before dialogs go live. Prints one line per problem (`file: path: message`) and each language's
 * review status; exits 1 when there is any error.
 */
import { resolve } from "node:path";
import { loadContent } from "../app/content.js";
import { formatProblem } from "../dialog/load/problem.js";
import { loadProject } from "./project.js";

export interface CheckOptions {
  readonly dialogsDir?: string | undefined;
  readonly localesDir?: string | undefined;
  readonly files: readonly string[];
  readonly quiet: boolean;
}

export function dialogsCheck(options: CheckOptions, out: (line: string) => void): number {
  let { content, config } = loadProject({ dialogsDir: options.dialogsDir, localesDir: options.localesDir });
  if (options.files.length > 0) {
    content = loadContent(
      { root: config.root, dialogFiles: options.files.map((f) => resolve(process.cwd(), f)), localesDir: config.localesDir },
      content.deployment,
    );
  }
  const errors = content.problems.filter((p) => p.severity === "error");
  const warnings = content.problems.filter((p) => p.severity === "warning");
  for (const problem of [...errors, ...warnings]) out(formatProblem(problem));
  if (!options.quiet) {
    for (const lang of Object.keys(content.locales.resources).sort()) {
      const meta = content.locales.metas.get(lang);
      const review = !meta ? "no _meta.json" : meta.review.status === "reviewed" ? `reviewed by ${meta.review.by} on ${meta.review.date}` : meta.review.status === "source" ? "source language" : meta.review.note;
      out(`language ${lang}${meta ? ` (${meta.name})` : ""}: ${review}`);
    }
    const flows = content.loaded.map((l) => `${l.dialog.id}@${l.dialog.version}`).join(", ");
    out(`${content.loaded.length} dialogs (${flows}): ${errors.length} errors, ${warnings.length} warnings`);
  }
  return errors.length > 0 ? 1 : 0;
}
