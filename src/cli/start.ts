/**
 * `kinlink start`. Until the channels land (one server for Telegram, WhatsApp, Botpress and the web
 * playground), this runs the terminal playground: the dialogs are checked first, exactly as a server
 * would at start-up, and a newcomer can play them at once.
 */
import { formatProblem } from "../dialog/load/problem.js";
import { chat } from "./chat.js";
import { loadProject } from "./project.js";

export async function start(out: (line: string) => void): Promise<number> {
  const { content } = loadProject();
  const errors = content.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    for (const problem of errors) out(formatProblem(problem));
    out(`kinlink: ${errors.length} problems in the dialogs or locales; fix them first (kinlink dialogs check).`);
    return 1;
  }
  if (content.deployment.demo) out("Note: deployment.yaml has DEMO help contacts. Replace them before real use.");
  const flows = content.dialogs.flows();
  out(`kinlink ${flows.length} dialogs ready: ${flows.map((d) => d.id).join(", ")}. Languages: ${content.languages.join(", ")}.`);
  if (!process.stdin.isTTY) {
    out("No terminal attached. Play a dialog with: npx kinlink chat --dialog intake   (or: npm run kinlink -- chat --dialog tracing)");
    return 0;
  }
  return chat(content, { dialog: "intake", lang: content.deployment.default_language, showEvents: true });
}
