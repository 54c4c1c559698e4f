/**
 * Storage settings from the environment. MONGODB_URI selects MongoDB; otherwise the embedded store
 * in KINLINK_DATA_DIR (default ./data). Production must not silently run on a single-process
 * embedded store: NODE_ENV=production without MONGODB_URI refuses to start unless
 * KINLINK_ALLOW_EMBEDDED=1 says that is intended (a small single-server deployment).
 * KINLINK_STORE_CACHE_MB bounds the embedded store's documents in memory (default 8; the others
 * are read back from disk when a query needs them, see src/storage/embedded/docCache.ts).
 */
import { z } from "zod";

/** Only for development and tests: conversations keyed with it are not protected against dictionary attacks. */
export const DEVELOPMENT_HASH_SECRET = "kinlink-development-hash-secret-not-for-production";

const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  KINLINK_DATA_DIR: z.string().min(1).default("./data"),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://").optional(),
  MONGODB_DB: z.string().min(1).optional(),
  KINLINK_ALLOW_EMBEDDED: z.enum(["0", "1"]).optional(),
  KINLINK_HASH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Megabytes of documents (as BSON) the embedded store keeps in memory; the rest are read from disk. */
  KINLINK_STORE_CACHE_MB: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a number of megabytes (0 or more)")
    .transform((value) => Math.round(Number(value) * 1024 * 1024))
    .optional(),
});

export type StorageConfig = {
  readonly store:
    | { readonly kind: "embedded"; readonly dataDir: string; readonly cacheBytes?: number }
    | { readonly kind: "mongo"; readonly uri: string; readonly dbName?: string | undefined };
  readonly hashSecret: string;
};

export class StorageConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function loadStorageConfig(env: Readonly<Record<string, string | undefined>>): StorageConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // The issue's path names the variable; its message never echoes the value (it may be a secret).
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new StorageConfigError(`invalid storage settings: ${problems.join("; ")}`);
  }
  const settings = parsed.data;
  const production = settings.NODE_ENV === "production";
  if (production && settings.KINLINK_HASH_SECRET === undefined) {
    throw new StorageConfigError("KINLINK_HASH_SECRET is required in production (32+ random characters, kept secret and stable)");
  }
  const hashSecret = settings.KINLINK_HASH_SECRET ?? DEVELOPMENT_HASH_SECRET;
  if (settings.MONGODB_URI !== undefined) {
    const config: StorageConfig = { store: { kind: "mongo", uri: settings.MONGODB_URI, dbName: settings.MONGODB_DB }, hashSecret };
    return Object.freeze(config);
  }
  if (production && settings.KINLINK_ALLOW_EMBEDDED !== "1") {
    throw new StorageConfigError(
      "NODE_ENV=production needs MONGODB_URI: the embedded store serves one process and has no replication. " +
        "Set MONGODB_URI, or set KINLINK_ALLOW_EMBEDDED=1 to run a single instance on the embedded store on purpose.",
    );
  }
  const cache = settings.KINLINK_STORE_CACHE_MB === undefined ? {} : { cacheBytes: settings.KINLINK_STORE_CACHE_MB };
  const config: StorageConfig = { store: { kind: "embedded", dataDir: settings.KINLINK_DATA_DIR, ...cache }, hashSecret };
  return Object.freeze(config);
}
