/** Loads the project's own dialogs, locales and deployment, as `kinlink` does. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dialogFilesIn, loadContent, type Content } from "../../src/app/content.js";
import { readDeployment } from "../../src/config/config.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function projectContent(overrides: { localesDir?: string; dialogFiles?: string[] } = {}): Content {
  return loadContent(
    {
      root: ROOT,
      dialogFiles: overrides.dialogFiles ?? dialogFilesIn(join(ROOT, "dialogs")),
      localesDir: overrides.localesDir ?? join(ROOT, "locales"),
    },
    readDeployment(join(ROOT, "deployment.yaml")),
  );
}
