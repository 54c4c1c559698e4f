/**
 * A small harness for engine tests: dialogs written inline as YAML, English vocabulary and catalogs
 * from locales/en plus the test's own messages, a fixed clock and counting ids.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { VocabularySchema } from "../../src/dialog/answers/vocabulary.js";
import { DialogSet } from "../../src/dialog/dialogSet.js";
import type { EngineEnv } from "../../src/dialog/engine/env.js";
import type { Input } from "../../src/dialog/engine/input.js";
import type { Session } from "../../src/dialog/engine/session.js";
import { startSession, step, type StartOptions, type StepResult } from "../../src/dialog/engine/step.js";
import type { DialogEvent } from "../../src/dialog/events/index.js";
import { DialogSchema } from "../../src/dialog/schema/dialogSchema.js";
import { CatalogSchema, type Catalog } from "../../src/i18n/catalog.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { ROOT } from "./project.js";

const en = (name: string): Catalog => CatalogSchema.parse(JSON.parse(readFileSync(join(ROOT, "locales", "en", `${name}.json`), "utf8")));
export const englishVocabulary = VocabularySchema.parse(JSON.parse(readFileSync(join(ROOT, "locales", "en", "vocabulary.json"), "utf8")));

export function dialogSet(...yamls: string[]): DialogSet {
  return new DialogSet(yamls.map((y) => DialogSchema.parse(parse(y))));
}

export interface Harness {
  readonly set: DialogSet;
  env(): EngineEnv;
  /** Moves the fixed clock on. */
  tick(ms: number): void;
  start(dialog?: string, options?: Partial<StartOptions>): StepResult;
  send(session: Session, input: Input | string): StepResult;
  render(event: DialogEvent): string | undefined;
}

export function harness(set: DialogSet, catalogs: Record<string, Catalog> = {}, languages: string[] = ["en"]): Harness {
  const resources = { en: { common: en("common"), ...catalogs } };
  const translator = createTranslator({ resources, deploymentParams: { org: "Test Org", emergency: "112", helpline: "116 111" } });
  let now = new Date("2026-01-15T09:00:00.000Z");
  let n = 0;
  const env = (): EngineEnv => ({
    now,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    languages,
    vocabulary: () => englishVocabulary,
    label: (key, lang, audience) => translator.render(key, lang, audience),
  });
  return {
    set,
    env,
    tick(ms) {
      now = new Date(now.getTime() + ms);
    },
    start(dialog, options = {}) {
      return startSession(set, dialog, { lang: "en", ...options }, env());
    },
    send(session, input) {
      return step(set, session, typeof input === "string" ? { type: "text", text: input } : input, env());
    },
    render(event) {
      if (event.type !== "message" && event.type !== "question") return undefined;
      return translator.render(event.key, "en", event.audience, event.params);
    },
  };
}

/** The types of the events, for compact assertions. */
export const types = (result: StepResult): string[] => result.events.map((e) => e.type);

/** The keys of the messages and questions, in order. */
export const said = (result: StepResult): string[] =>
  result.events.flatMap((e) => (e.type === "message" || e.type === "question" ? [e.key] : []));
