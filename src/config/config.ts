/**
 * The only place that reads `process.env`: parsed once with zod into a frozen Config, failing fast
 * with a message that names the variable (never its value: it may be a secret).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DeploymentSchema, type Deployment } from "../app/deployment.js";
import { formatIssues } from "../dialog/schema/formatIssues.js";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  KINLINK_ROOT: z.string().optional(),
  KINLINK_DIALOGS_DIR: z.string().default("dialogs"),
  KINLINK_LOCALES_DIR: z.string().default("locales"),
  KINLINK_DEPLOYMENT_FILE: z.string().default("deployment.yaml"),
  KINLINK_DATA_DIR: z.string().default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  readonly env: "development" | "production" | "test";
  readonly root: string;
  readonly dialogsDir: string;
  readonly localesDir: string;
  readonly deploymentFile: string;
  readonly dataDir: string;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function readConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`);
    throw new ConfigError(`invalid environment: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const root = resolve(cwd, e.KINLINK_ROOT ?? ".");
  return Object.freeze({
    env: e.NODE_ENV,
    root,
    dialogsDir: resolve(root, e.KINLINK_DIALOGS_DIR),
    localesDir: resolve(root, e.KINLINK_LOCALES_DIR),
    deploymentFile: resolve(root, e.KINLINK_DEPLOYMENT_FILE),
    dataDir: resolve(root, e.KINLINK_DATA_DIR),
    logLevel: e.LOG_LEVEL,
  });
}

export function readDeployment(file: string): Deployment {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read (${error instanceof Error ? error.message.split("\n")[0] : "error"})`);
  }
  const parsed = DeploymentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(formatIssues(parsed.error.issues).map((i) => `${file}: ${i.path}: ${i.message}`).join("\n"));
  }
  return parsed.data;
}
