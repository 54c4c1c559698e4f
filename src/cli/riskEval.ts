/**
 * `kinlink risk --eval FILE...`: classifies labelled messages and prints, per language, recall of
 * high-risk messages, the false-alarm rate, precision, category recall and a level confusion
 * table. Exit 1 when any language misses a target. `--verbose` lists the mistakes with their text:
 * evaluation files are written for testing, never real conversations.
 */
import { readFileSync } from "node:fs";
import { RISK_LEVELS } from "../domain/risk.js";
import { classifyText, type Lexicons } from "../risk/classify.js";
import { LabelledMessageSchema, scoreEvaluation, TARGETS, type LanguageScore, type Scored } from "../risk/scoreEvaluation.js";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Reads labelled files; a bad line is reported with file and line number and makes the run fail. */
export function readLabelled(files: readonly string[], problems: string[]): Scored["item"][] {
  const items: Scored["item"][] = [];
  for (const file of files) {
    readFileSync(file, "utf8").split("\n").forEach((raw, i) => {
      if (raw.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        problems.push(`${file}:${i + 1}: not valid JSON`);
        return;
      }
      const parsed = LabelledMessageSchema.safeParse(json);
      if (parsed.success) items.push(parsed.data);
      else problems.push(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "(top)"}: ${x.message}`).join("; ")}`);
    });
  }
  return items;
}

function printScore(s: LanguageScore, verbose: boolean, out: (line: string) => void): void {
  out(
    `${s.lang}  n=${s.n}  high-risk recall ${pct(s.highRecall)} (${s.high}; rated high ${pct(s.highStrict)})  medium recall ${pct(s.mediumRecall)} (${s.medium})  ` +
      `false alarms ${pct(s.falseAlarmRate)} (${s.falseAlarms.length}/${s.negatives})  precision ${pct(s.precision)}  categories ${pct(s.categoryRecall)}  ${s.meetsTargets ? "ok" : "MISSED TARGET"}`,
  );
  out(`    expected\\got ${RISK_LEVELS.map((l) => l.padStart(6)).join("")}`);
  for (const expected of RISK_LEVELS) out(`    ${expected.padEnd(12)} ${RISK_LEVELS.map((got) => String(s.confusion[expected][got]).padStart(6)).join("")}`);
  if (!verbose) return;
  for (const m of s.misses) out(`    missed      ${m.item.id} [${m.item.expected_level}] got ${m.assessment.level}: ${m.item.text}`);
  for (const f of s.falseAlarms) out(`    false alarm ${f.item.id} [${f.item.expected_level}] got ${f.assessment.level} (${f.assessment.reasons.map((r) => r.rule).join(", ")}): ${f.item.text}`);
}

export function riskEval(files: readonly string[], lexicons: Lexicons, verbose: boolean, out: (line: string) => void): number {
  const problems: string[] = [];
  const items = readLabelled(files, problems);
  for (const p of problems) out(p);
  const scores = scoreEvaluation(items.map((item) => ({ item, assessment: classifyText(item.text, item.lang, lexicons) })));
  for (const score of scores) printScore(score, verbose, out);
  const failed = scores.filter((s) => !s.meetsTargets).map((s) => s.lang);
  out(`targets: high-risk recall >= ${pct(TARGETS.highRecall)}, false alarms <= ${pct(TARGETS.falseAlarmRate)}; ${failed.length === 0 ? "all languages meet them" : `missed in ${failed.join(", ")}`}`);
  return problems.length > 0 || failed.length > 0 || scores.length === 0 ? 1 : 0;
}
