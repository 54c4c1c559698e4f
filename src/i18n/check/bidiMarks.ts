/** No catalog text carries invisible bidi controls (see ../bidi.ts for why). */
import type { Problem } from "../../dialog/load/problem.js";
import { findBidiControls } from "../bidi.js";
import { flatCatalogs, type LocaleCheckInput } from "./localeView.js";

export function checkBidiMarks(input: LocaleCheckInput): Problem[] {
  const problems: Problem[] = [];
  for (const [lang, namespaces] of flatCatalogs(input.resources)) {
    for (const [ns, keys] of namespaces) {
      for (const [key, text] of keys) {
        const found = findBidiControls(text);
        if (found.length === 0) continue;
        const where = found.map((c) => `${c.code} at character ${c.at}`).join(", ");
        problems.push({ file: input.fileFor(lang, ns), path: key, message: `invisible bidi control ${where}: chat text must not carry them, remove it`, severity: "error" });
      }
    }
  }
  return problems;
}
