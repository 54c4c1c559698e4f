/** Reads configuration and the deployment's files, as every command does first. */
import { join } from "node:path";
import { dialogFilesIn, loadContent, type Content } from "../app/content.js";
import { readConfig, readDeployment, type Config } from "../config/config.js";

export interface Project {
  readonly config: Config;
  readonly content: Content;
}

export interface ProjectOverrides {
  readonly dialogsDir?: string | undefined;
  readonly localesDir?: string | undefined;
}

export function loadProject(overrides: ProjectOverrides = {}): Project {
  const base = readConfig(process.env, process.cwd());
  const config = {
    ...base,
    dialogsDir: overrides.dialogsDir ? join(process.cwd(), overrides.dialogsDir) : base.dialogsDir,
    localesDir: overrides.localesDir ? join(process.cwd(), overrides.localesDir) : base.localesDir,
  };
  const deployment = readDeployment(config.deploymentFile);
  const content = loadContent({ root: config.root, dialogFiles: dialogFilesIn(config.dialogsDir), localesDir: config.localesDir }, deployment);
  return { config, content };
}
