/**
 * Turns zod issues into the messages dialog authors read: `steps.age.next[1]: unknown step "agee"`.
 * Union failures are narrowed to the branch that matched the value's shape, so the author sees the
 * one mistake they made rather than every alternative the format allows.
 */
import type { z } from "zod";

export type PathSegment = string | number | symbol;

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(top)" : out;
}

/** A branch whose only complaint is the top-level type is a branch the author did not mean. */
function isShapeMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every((issue) => issue.path.length === 0 && issue.code === "invalid_type");
}

function flatten(issue: z.core.$ZodIssue, prefix: readonly PathSegment[]): { path: PathSegment[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const meant = issue.errors.filter((branch) => !isShapeMismatch(branch));
    if (meant.length === 1 && meant[0]) return meant[0].flatMap((inner) => flatten(inner, path));
  }
  return [{ path, message: describe(issue) }];
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "unrecognized_keys":
      return `unknown ${issue.keys.length > 1 ? "keys" : "key"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_union":
      // A discriminated union names its options: "expected one of "message", "question", ...".
      if ("options" in issue && Array.isArray(issue.options)) return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
      return "does not match any allowed form";
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.flatMap((issue) => flatten(issue, [])).map((i) => ({ path: formatPath(i.path), message: i.message }));
}
