/** The shipped lexicons, loaded once per test file as the bot loads them at start-up. */
import { join } from "node:path";
import { classifyText } from "../../../src/risk/classify.js";
import { loadLexicons } from "../../../src/risk/loadLexicons.js";
import { ROOT } from "../../helpers/project.js";

export const shipped = loadLexicons(join(ROOT, "locales"));

export function classify(text: string, lang: string) {
  return classifyText(text, lang, shipped.lexicons);
}
