/**
 * Text that a channel would refuse or cut, in any language: WhatsApp reply-button titles (20
 * characters, up to 3 buttons), list rows (24, up to 10 rows) and message bodies (1024). A
 * translation is often longer than its source, so every language is measured.
 */
import type { Problem } from "../../dialog/load/problem.js";
import { keyParts, pluralMessages } from "../keyParts.js";
import { CHANNEL_LIMITS, collectUsages, type Usage } from "../usages.js";
import { flatCatalogs, measure, type LocaleCheckInput } from "./localeView.js";


function strictest(usages: readonly Usage[]): Map<string, Usage> {
  const byKey = new Map<string, Usage>();
  for (const usage of usages) {
    const seen = byKey.get(usage.key);
    if (usage.role === "choice" && (!seen || usage.maxLength < seen.maxLength)) byKey.set(usage.key, usage);
  }
  return byKey;
}

function describe(usage: Usage): string {
  const what = usage.maxLength === CHANNEL_LIMITS.buttonTitle ? "a WhatsApp reply button title" : "a WhatsApp list row title";
  const where = usage.dialog && usage.step ? ` (${usage.dialog}/${usage.step} shows ${usage.shownWith ?? "?"} choices)` : usage.dialog ? ` (the menu of ${usage.shownWith ?? "?"} flows)` : "";
  return `${what} holds ${usage.maxLength}${where}`;
}

export function checkChannelLimits(input: LocaleCheckInput): Problem[] {
  const problems: Problem[] = [];
  const usages = collectUsages(input.loaded, input.offeredLanguages);
  for (const usage of usages) {
    if (usage.role === "choice" && usage.file && usage.path?.endsWith(".answer.choices[0].text") && (usage.shownWith ?? 0) > CHANNEL_LIMITS.listRows) {
      problems.push({ file: usage.file, path: usage.path.replace(/\[0\]\.text$/, ""), message: `shows ${usage.shownWith ?? 0} choices; a WhatsApp list holds ${CHANNEL_LIMITS.listRows} rows`, severity: "error" });
    }
  }
  const labels = strictest(usages);
  for (const [lang, namespaces] of flatCatalogs(input.resources)) {
    for (const [ns, keys] of namespaces) {
      const file = input.fileFor(lang, ns);
      const plural = pluralMessages(keys.keys());
      for (const [key, text] of keys) {
        const length = measure(text, input.params);
        if (length > CHANNEL_LIMITS.body) {
          problems.push({ file, path: key, message: `${length} characters; a WhatsApp message holds ${CHANNEL_LIMITS.body}`, severity: "error" });
          continue;
        }
        const label = labels.get(`${ns}:${keyParts(key, plural).base}`);
        if (label && length > label.maxLength) {
          problems.push({ file, path: key, message: `"${text}" is ${length} characters; ${describe(label)}`, severity: "error" });
        }
      }
    }
  }
  return problems;
}

