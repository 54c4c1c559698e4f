/**
 * Reads one dialog file's text into a validated `Dialog`, or the problems that stop it, each with its
 * path. Pure (the caller reads the file), so the same code serves the CLI, start-up and the tests.
 */
import { parseDocument } from "yaml";
import { DialogSchema, type Dialog } from "../schema/dialogSchema.js";
import { formatIssues } from "../schema/formatIssues.js";
import type { Problem } from "./problem.js";

/** Dialog files are small; a huge one is a mistake (or an attack on the YAML parser). */
export const MAX_DIALOG_FILE_BYTES = 512 * 1024;

export type ParsedDialog = { ok: true; dialog: Dialog } | { ok: false; problems: Problem[] };

const error = (file: string, path: string, message: string): Problem => ({ file, path, message, severity: "error" });

export function parseDialogFile(file: string, text: string): ParsedDialog {
  if (Buffer.byteLength(text, "utf8") > MAX_DIALOG_FILE_BYTES) {
    return { ok: false, problems: [error(file, "(top)", `file is larger than ${MAX_DIALOG_FILE_BYTES} bytes`)] };
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => {
      const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "(top)";
      // prettyErrors appends " at line L, column C:" and a code frame; the path already says where.
      const message = (e.message.split("\n")[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, "");
      return error(file, where, `YAML: ${message}`);
    });
    return { ok: false, problems };
  }
  const parsed = DialogSchema.safeParse(document.toJS({ maxAliasCount: 50 }));
  if (!parsed.success) {
    const problems = formatIssues(parsed.error.issues).map((issue) => error(file, issue.path, issue.message));
    return { ok: false, problems };
  }
  return { ok: true, dialog: parsed.data };
}
