/**
 * Sign-in and API token settings from the environment: how long a newly issued token lives, how
 * many sign-in attempts one address may make a minute, and whether cookies are always `Secure`
 * (production) or only over HTTPS (development on http://127.0.0.1).
 */
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  KINLINK_API_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  KINLINK_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
});

export interface AuthConfig {
  readonly apiTokenDays: number;
  /** Sign-in attempts per client address per minute (the per-account lockout comes on top). */
  readonly loginPerMinute: number;
  readonly alwaysSecureCookies: boolean;
}

export class AuthConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new AuthConfigError(`invalid settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return Object.freeze({
    apiTokenDays: parsed.data.KINLINK_API_TOKEN_DAYS,
    loginPerMinute: parsed.data.KINLINK_LOGIN_RATE_LIMIT,
    alwaysSecureCookies: parsed.data.NODE_ENV === "production",
  });
}
