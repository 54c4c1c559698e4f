/**
 * Everything a deployment says in its files: dialogs, locales and settings, loaded and checked
 * together. The same loading serves `kinlink start`, `chat`, `dialogs check|test` and the tests, so
 * what the check accepts is exactly what runs.
 */
import { isAbsolute, relative } from "node:path";
import { checkDialogs } from "../dialog/check/checkDialogs.js";
import type { LoadedDialog } from "../dialog/check/context.js";
import { DialogSet } from "../dialog/dialogSet.js";
import type { Vocabulary } from "../dialog/answers/vocabulary.js";
import type { EngineEnv } from "../dialog/engine/env.js";
import { listDialogFiles, loadDialogFiles } from "../dialog/load/loadDialogDir.js";
import type { Problem } from "../dialog/load/problem.js";
import { CatalogIndex } from "../i18n/catalog.js";
import { checkLocaleContent } from "../i18n/check/checkLocaleContent.js";
import { loadLocales, type Locales } from "../i18n/loadLocales.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { Deployment } from "./deployment.js";
import type { Assessment } from "../risk/assessment.js";
import { classifyText } from "../risk/classify.js";
import { loadLexicons } from "../risk/loadLexicons.js";

export interface ContentPaths {
  /** Problems name files relative to this folder. */
  readonly root: string;
  readonly dialogFiles: readonly string[];
  readonly localesDir: string;
}

export interface Content {
  readonly dialogs: DialogSet;
  readonly loaded: readonly LoadedDialog[];
  readonly locales: Locales;
  readonly translator: Translator;
  readonly deployment: Deployment;
  /** The languages people can choose: offered by the deployment and shipped in locales/. */
  readonly languages: readonly string[];
  readonly problems: readonly Problem[];
  /** The offline risk classifier over `locales/<lang>/risk.json`: every free-text message goes through it. */
  classify(text: string, lang: string): Assessment;
  vocabulary(lang: string): Vocabulary;
  engineEnv(now: Date, uuid: () => string): EngineEnv;
}

/** A path as problems name it: relative to the project folder when inside it. */
function fromRoot(root: string, path: string): string {
  const inside = relative(root, path);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

export function dialogFilesIn(dir: string): string[] {
  return listDialogFiles(dir);
}

export function loadContent(paths: ContentPaths, deployment: Deployment): Content {
  const { loaded, problems: parseProblems } = loadDialogFiles(paths.dialogFiles, paths.root);
  const rawLocales = loadLocales(paths.localesDir);
  const localesDir = fromRoot(paths.root, paths.localesDir);
  const locales: Locales = {
    ...rawLocales,
    problems: rawLocales.problems.map((p) => ({ ...p, file: fromRoot(paths.root, p.file) })),
  };
  const index = new CatalogIndex(locales.resources, localesDir || "locales");
  const problems = [...parseProblems, ...locales.problems, ...checkDialogs(loaded, index)];
  // Locales beyond the keys dialogs name: completeness, plurals, bidi marks, channel limits, readability.
  problems.push(
    ...checkLocaleContent({
      loaded,
      resources: locales.resources,
      metas: locales.metas,
      fileFor: (lang, ns) => index.fileFor(lang, ns),
      offeredLanguages: deployment.languages.length,
      params: { org: deployment.organisation, ...deployment.help_contacts },
    }),
  );
  const risk = loadLexicons(paths.localesDir);
  problems.push(...risk.problems.map((p) => ({ ...p, file: fromRoot(paths.root, p.file) })));
  for (const lang of deployment.languages) {
    if (!locales.resources[lang]) problems.push({ file: "deployment.yaml", path: "languages", message: `"${lang}" has no folder in ${localesDir || "locales"}/`, severity: "error" });
  }
  const rtl = new Set([...locales.metas].filter(([, meta]) => meta.direction === "rtl").map(([lang]) => lang));
  const translator = createTranslator({
    resources: locales.resources,
    fallbacks: deployment.fallbacks,
    defaultLanguage: deployment.default_language,
    deploymentParams: { org: deployment.organisation, ...deployment.help_contacts },
    rtl,
  });
  const languages = deployment.languages.filter((lang) => locales.resources[lang]);
  const vocabulary = (lang: string): Vocabulary => {
    for (const candidate of [lang, ...(deployment.fallbacks[lang] ?? []), deployment.default_language, "en"]) {
      const found = locales.vocabularies.get(candidate);
      if (found) return found;
    }
    throw new Error(`no vocabulary for ${lang} and no fallback`);
  };
  return {
    dialogs: new DialogSet(loaded.map((l) => l.dialog)),
    loaded,
    locales,
    translator,
    deployment,
    languages,
    problems,
    classify: (text, lang) => classifyText(text, lang, risk.lexicons),
    vocabulary,
    engineEnv: (now, uuid) => ({
      now,
      uuid,
      languages,
      vocabulary,
      label: (key, lang, audience) => translator.render(key, lang, audience),
    }),
  };
}
