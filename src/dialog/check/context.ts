import type { Dialog, Step } from "../schema/dialogSchema.js";
import type { Problem } from "../load/problem.js";

/** A dialog and the file it came from. */
export interface LoadedDialog {
  readonly file: string;
  readonly dialog: Dialog;
}

/** What the checker needs to know about the locales, implemented by src/i18n. */
export interface LocaleIndex {
  readonly languages: readonly string[];
  /** Whether a message key (`namespace:key`) exists in a language, counting plural forms. */
  has(lang: string, key: string): boolean;
  /** The file a namespace lives in, for messages: `locales/fr/intake.json`. */
  fileFor(lang: string, namespace: string): string;
}

export class CheckContext {
  readonly problems: Problem[] = [];
  constructor(readonly all: readonly LoadedDialog[]) {}

  error(file: string, path: string, message: string): void {
    this.problems.push({ file, path, message, severity: "error" });
  }

  warn(file: string, path: string, message: string): void {
    this.problems.push({ file, path, message, severity: "warning" });
  }

  dialog(id: string): Dialog | undefined {
    return this.all.find((d) => d.dialog.id === id)?.dialog;
  }
}

/** The steps a step can go to next, with the path each reference is written at. */
export function targets(stepId: string, step: Step): { target: string; path: string }[] {
  const out: { target: string; path: string }[] = [];
  const next = "next" in step ? step.next : undefined;
  if (typeof next === "string") out.push({ target: next, path: `steps.${stepId}.next` });
  else if (next) next.forEach((branch, i) => out.push({ target: branch.goto, path: `steps.${stepId}.next[${i}]` }));
  if (step.type === "question" && step.on_fail) out.push({ target: step.on_fail, path: `steps.${stepId}.on_fail` });
  return out;
}
