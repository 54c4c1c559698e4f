/** A problem found in a dialog or locale file: `dialogs/intake.yaml: steps.age.next[1]: unknown step "agee"`. */
export interface Problem {
  readonly file: string;
  /** Where in the file, as `steps.age.next[1]`; "(top)" for the whole file. */
  readonly path: string;
  readonly message: string;
  /** Warnings are shown but do not fail the check. */
  readonly severity: "error" | "warning";
}

export function formatProblem(problem: Problem): string {
  const prefix = problem.severity === "warning" ? "warning: " : "";
  return `${prefix}${problem.file}: ${problem.path}: ${problem.message}`;
}
