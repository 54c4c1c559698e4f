/** API token settings from the environment: how long a newly issued token lives. */
import { z } from "zod";

const EnvSchema = z.object({
  KINLINK_API_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export interface AuthConfig {
  readonly apiTokenDays: number;
}

export class AuthConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new AuthConfigError(`invalid settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return Object.freeze({ apiTokenDays: parsed.data.KINLINK_API_TOKEN_DAYS });
}
