/**
 * The ConsoleAuth the login page, the API's cookie check and the auth routes share (see
 * consoleAuth.ts for the guarantees), assembled from its parts: password sign-in with lockout and
 * TOTP (passwordLogin.ts), server-side sessions with CSRF tokens (consoleSessions.ts), and the
 * person's own credential changes (accountSecurity.ts).
 *
 *   const auth = createConsoleAuth({ users, sessions, auditLog, clock, passwords: argon2Passwords });
 */
import { accountSecurity } from "./accountSecurity.js";
import type { ConsoleAuth } from "./consoleAuth.js";
import type { ConsoleAuthDeps } from "./consoleAuthDeps.js";
import { closeSession, csrfMatches, resolveSession } from "./consoleSessions.js";
import { passwordLogin } from "./passwordLogin.js";

export { SIGN_IN_POLICY, type ConsoleAuthDeps, type SignInPolicy } from "./consoleAuthDeps.js";

export function createConsoleAuth(deps: ConsoleAuthDeps): ConsoleAuth {
  return {
    login: passwordLogin(deps),
    session: (sessionToken) => resolveSession(deps, sessionToken),
    checkCsrf: csrfMatches,
    logout: (sessionToken) => closeSession(deps, sessionToken),
    ...accountSecurity(deps),
  };
}
