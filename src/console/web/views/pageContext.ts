/**
 * What every page view receives: the translator for the chosen language, the signed-in person (or
 * nobody, on the login page), the menu they may use, a flash message from the last POST, and the
 * asset URLs. Built once per request by the routes; views are pure functions of it and their data.
 */
import type { ConsoleSession } from "../../auth/consoleAuth.js";
import type { Flash } from "../flash.js";
import type { Translate } from "../i18n/consoleI18n.js";

export interface NavItem {
  readonly key: string;
  readonly href: string;
}

export interface PageContext {
  readonly t: Translate;
  readonly session: ConsoleSession | null;
  /** The current path with its query, for the language switch to come back to. */
  readonly path: string;
  readonly nav: readonly NavItem[];
  readonly flash?: Flash | undefined;
  readonly asset: (name: string) => string;
}
