/**
 * The locale side of `kinlink dialogs check`, beyond the message keys the dialogs name: completeness
 * and placeholders, plural forms, bidi marks, channel limits and readability. Pure: give it what was
 * loaded; it returns problems, errors first, in a stable order.
 */
import type { Problem } from "../../dialog/load/problem.js";
import { checkBidiMarks } from "./bidiMarks.js";
import { checkChannelLimits } from "./channelLimits.js";
import { checkCompleteness } from "./completeness.js";
import type { LocaleCheckInput } from "./localeView.js";
import { checkPlurals } from "./plurals.js";
import { checkReadability } from "./readability.js";

export type { LocaleCheckInput } from "./localeView.js";

export function checkLocaleContent(input: LocaleCheckInput): Problem[] {
  const all = [...checkCompleteness(input), ...checkPlurals(input), ...checkBidiMarks(input), ...checkChannelLimits(input), ...checkReadability(input)];
  return [...all.filter((p) => p.severity === "error"), ...all.filter((p) => p.severity === "warning")];
}
