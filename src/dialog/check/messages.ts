/** Every message a dialog or the engine can send exists in every shipped language. */
import { ENGINE_MESSAGE_KEYS, QUICK_REPLY_PREFIX } from "../engine/messageKeys.js";
import type { Dialog } from "../schema/dialogSchema.js";
import type { CheckContext, LocaleIndex } from "./context.js";

const qualify = (key: string, dialogId: string): string => (key.includes(":") ? key : `${dialogId}:${key}`);

/** Each message key a dialog uses, with the path it is written at. */
export function dialogKeys(dialog: Dialog): { key: string; path: string }[] {
  const keys: { key: string; path: string }[] = [];
  const add = (key: string | undefined, path: string): void => {
    if (key) keys.push({ key: qualify(key, dialog.id), path });
  };
  add(dialog.title, "title");
  const addRules = (rules: readonly { reason?: string | undefined }[], path: string): void =>
    rules.forEach((rule, i) => add(rule.reason, `${path}[${i}].reason`));
  addRules(dialog.risk, "risk");
  for (const [id, step] of Object.entries(dialog.steps)) {
    const at = `steps.${id}`;
    if ("text" in step) add(step.text, `${at}.text`);
    if (step.type === "question") {
      add(step.invalid, `${at}.invalid`);
      addRules(step.risk ?? [], `${at}.risk`);
      const answer = step.answer;
      if (answer.type === "choice" || answer.type === "multi_choice") answer.choices.forEach((c, i) => add(c.text, `${at}.answer.choices[${i}].text`));
    }
    if (step.type === "repeat") add(step.more, `${at}.more`);
  }
  return keys;
}

function namespaceOf(key: string): string {
  return key.slice(0, key.indexOf(":"));
}

function keyOf(key: string): string {
  return key.slice(key.indexOf(":") + 1);
}

export function checkMessages(file: string, dialog: Dialog, ctx: CheckContext, locales: LocaleIndex): void {
  for (const { key, path } of dialogKeys(dialog)) {
    for (const lang of locales.languages) {
      if (!locales.has(lang, key)) {
        ctx.error(file, path, `message "${keyOf(key)}" is missing in ${locales.fileFor(lang, namespaceOf(key))}`);
      }
    }
  }
}

export function checkEngineMessages(ctx: CheckContext, locales: LocaleIndex): void {
  for (const key of ENGINE_MESSAGE_KEYS) {
    for (const lang of locales.languages) {
      if (!locales.has(lang, key)) ctx.error(locales.fileFor(lang, "common"), keyOf(key), `message missing (${key.startsWith(QUICK_REPLY_PREFIX) ? "a caseworker sends it from the console's quick replies" : "the engine sends it"})`);
    }
  }
}
