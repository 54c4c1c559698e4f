/**
 * Where each message is used: which dialog and step, in what role (a question, a choice label, a
 * re-prompt...), and so how long it may be on the strictest channel. The channel checks and the
 * translation export both read this, so a translator sees the same limit the check enforces.
 */
import { shownChoices } from "../dialog/engine/ask.js";
import { ENGINE_MESSAGE_KEYS } from "../dialog/engine/messageKeys.js";
import type { LoadedDialog } from "../dialog/check/context.js";
import type { Dialog } from "../dialog/schema/dialogSchema.js";

/** WhatsApp Cloud API limits, the strictest of the channels kinlink serves. */
export const CHANNEL_LIMITS = {
  /** Reply buttons: at most 3, titles up to 20 characters. */
  buttons: 3,
  buttonTitle: 20,
  /** Above 3 choices a list is used: up to 10 rows, titles up to 24 characters. */
  listRows: 10,
  listRowTitle: 24,
  /** Text of a message, or the body of an interactive one. */
  body: 1024,
} as const;

export type UsageRole = "title" | "message" | "question" | "choice" | "reprompt" | "more" | "risk_reason" | "engine" | "hint";

/** How-to-answer hints under questions, added by the renderer (src/app/render.ts), which this layer cannot import. */
const HINT_KEYS = ["common:hint.skip", "common:hint.multi", "common:hint.location", "common:hint.photo"] as const;

export interface Usage {
  /** `namespace:key`, without audience or plural suffix. */
  readonly key: string;
  readonly role: UsageRole;
  readonly maxLength: number;
  /** How many choices the question shows, for choice labels. */
  readonly shownWith?: number;
  readonly dialog?: string;
  readonly step?: string;
  /** The dialog file and the path in it, for problems. */
  readonly file?: string;
  readonly path?: string;
}

const qualify = (key: string, dialogId: string): string => (key.includes(":") ? key : `${dialogId}:${key}`);

export const choiceLimit = (shown: number): number => (shown <= CHANNEL_LIMITS.buttons ? CHANNEL_LIMITS.buttonTitle : CHANNEL_LIMITS.listRowTitle);

function dialogUsages(file: string, dialog: Dialog, out: Usage[]): void {
  const at = { dialog: dialog.id, file };
  const body = CHANNEL_LIMITS.body;
  dialog.risk.forEach((rule, i) => rule.reason && out.push({ key: qualify(rule.reason, dialog.id), role: "risk_reason", maxLength: body, ...at, path: `risk[${i}].reason` }));
  for (const [id, step] of Object.entries(dialog.steps)) {
    const here = { ...at, step: id };
    if (step.type === "question") {
      out.push({ key: qualify(step.text, dialog.id), role: "question", maxLength: body, ...here, path: `steps.${id}.text` });
      if (step.invalid) out.push({ key: qualify(step.invalid, dialog.id), role: "reprompt", maxLength: body, ...here, path: `steps.${id}.invalid` });
      (step.risk ?? []).forEach((rule, i) => rule.reason && out.push({ key: qualify(rule.reason, dialog.id), role: "risk_reason", maxLength: body, ...here, path: `steps.${id}.risk[${i}].reason` }));
      const shown = shownChoices(step, dialog.id);
      const ownChoices = step.answer.type === "choice" || step.answer.type === "multi_choice" ? step.answer.choices : [];
      shown.forEach((choice) => {
        const own = ownChoices.findIndex((c) => qualify(c.text, dialog.id) === choice.key);
        const path = own >= 0 ? `steps.${id}.answer.choices[${own}].text` : `steps.${id}.answer`;
        out.push({ key: choice.key, role: "choice", maxLength: choiceLimit(shown.length), shownWith: shown.length, ...here, path });
      });
    } else if (step.type === "repeat") {
      out.push({ key: qualify(step.more, dialog.id), role: "more", maxLength: body, ...here, path: `steps.${id}.more` });
      for (const answer of ["common:answer.yes", "common:answer.no"]) out.push({ key: answer, role: "choice", maxLength: CHANNEL_LIMITS.buttonTitle, shownWith: 2, ...here, path: `steps.${id}.more` });
    } else if ("text" in step && step.text) {
      out.push({ key: qualify(step.text, dialog.id), role: "message", maxLength: body, ...here, path: `steps.${id}.text` });
    }
  }
}

/**
 * Every use of every message the dialogs and the engine send. `languages` is how many languages the
 * deployment offers: the language menu is buttons up to 3, a list above.
 */
export function collectUsages(loaded: readonly LoadedDialog[], languages: number): Usage[] {
  const out: Usage[] = [];
  const flows = loaded.filter((l) => l.dialog.kind === "flow");
  for (const { file, dialog } of loaded) {
    if (dialog.title) {
      // Flow titles are the choices of "How can I help you?" at first contact.
      const isFlow = dialog.kind === "flow";
      out.push({ key: qualify(dialog.title, dialog.id), role: isFlow ? "choice" : "title", maxLength: isFlow ? choiceLimit(flows.length) : CHANNEL_LIMITS.body, ...(isFlow ? { shownWith: flows.length } : {}), dialog: dialog.id, file, path: "title" });
    }
    dialogUsages(file, dialog, out);
  }
  for (const key of ENGINE_MESSAGE_KEYS) {
    if (key.startsWith("common:answer.")) out.push({ key, role: "choice", maxLength: CHANNEL_LIMITS.buttonTitle, shownWith: 2 });
    else if (key === "common:language.name") out.push({ key, role: "choice", maxLength: choiceLimit(languages), shownWith: languages });
    else out.push({ key, role: "engine", maxLength: CHANNEL_LIMITS.body });
  }
  for (const key of HINT_KEYS) out.push({ key, role: "hint", maxLength: CHANNEL_LIMITS.body });
  return out;
}

/** The strictest limit for each message key. */
export function limitsByKey(usages: readonly Usage[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const usage of usages) limits.set(usage.key, Math.min(limits.get(usage.key) ?? Infinity, usage.maxLength));
  return limits;
}
