/**
 * `kinlink start` (and `npm start`): one server for every enabled channel and the browser playground.
 * On a fresh machine it needs nothing: the embedded store in ./data and the playground as the way in.
 * Stops cleanly on Ctrl-C (SIGINT) or SIGTERM, finishing the turns in progress.
 */
import { formatDemoBlock } from "../console/auth/demoAccounts.js";
import { startKinlink } from "../main.js";

export async function start(out: (line: string) => void): Promise<number> {
  const kinlink = await startKinlink({ env: process.env, cwd: process.cwd() });
  const { deployment } = kinlink.content;
  if (deployment.demo) out("Note: deployment.yaml has DEMO help contacts. Replace them before real use.");
  // The one place demo passwords are shown (besides the login page, to this machine only).
  if (kinlink.demoAccounts.length > 0) out(formatDemoBlock(kinlink.demoAccounts, `${kinlink.url}/console`));
  out(`kinlink is running on the ${kinlink.store.backend} store. Playground: ${kinlink.url}/playground  Console: ${kinlink.url}/console`);
  out(`Dialogs: ${kinlink.content.dialogs.flows().map((d) => d.id).join(", ")}. Languages: ${kinlink.content.languages.join(", ")}. Stop with Ctrl-C.`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  out("kinlink: stopping…");
  await kinlink.close();
  return 0;
}
