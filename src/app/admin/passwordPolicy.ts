/**
 * What a console password must be (OWASP ASVS 2.1): at least 12 characters, at most 256 (long
 * passphrases welcome, any Unicode, spaces kept as typed), and not the username. Lengths count
 * characters (code points), not bytes, so an Arabic or emoji passphrase is measured fairly. No
 * composition rules: they make passwords harder to remember, not to guess.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_IS_USERNAME";

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "PASSWORD_TOO_SHORT";
  if (length > PASSWORD_MAX_LENGTH) return "PASSWORD_TOO_LONG";
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return "PASSWORD_IS_USERNAME";
  return null;
}
