/**
 * `kinlink dialogs check`: everything that can be known about dialogs before they go live. Pure:
 * give it the parsed dialogs and an index of the locales; it returns every problem it finds, each
 * with file and path, errors before warnings, in a stable order.
 */
import type { Problem } from "../load/problem.js";
import { CheckContext, type LoadedDialog, type LocaleIndex } from "./context.js";
import { checkGraph } from "./graph.js";
import { checkEngineMessages, checkMessages } from "./messages.js";
import { checkReferences, writtenFields } from "./references.js";

export function checkDialogs(loaded: readonly LoadedDialog[], locales: LocaleIndex | undefined): Problem[] {
  const ctx = new CheckContext(loaded);
  const written = writtenFields(loaded.map((l) => l.dialog));
  const versions = new Map<string, string>();
  for (const { file, dialog } of loaded) {
    const key = `${dialog.id}@${dialog.version}`;
    const other = versions.get(key);
    if (other) ctx.error(file, "version", `dialog "${dialog.id}" version ${dialog.version} is also defined in ${other}`);
    versions.set(key, file);
    checkGraph(file, dialog, ctx);
    checkReferences(file, dialog, ctx, written);
    if (locales) checkMessages(file, dialog, ctx, locales);
  }
  if (locales) checkEngineMessages(ctx, locales);
  return ctx.problems;
}
