/**
 * Cross-references: called dialogs exist and are modules (without loops of calls), saved fields are
 * record fields, conditions read fields that some question saves, choice ids are unique, bounds make
 * sense, flows produce records.
 */
import { isKnownRecordField } from "../../domain/recordFields.js";
import { conditionFields, type Condition } from "../schema/condition.js";
import type { Dialog, RiskRule, Step } from "../schema/dialogSchema.js";
import type { CheckContext } from "./context.js";

const RESERVED_CHOICES = new Set(["dont_know", "skip"]);

/** Every field some dialog writes (saves, estimates, `set`, repeat lists), across all dialogs: modules share the record. */
export function writtenFields(dialogs: readonly Dialog[]): Set<string> {
  const fields = new Set<string>(["language"]);
  for (const dialog of dialogs) {
    for (const step of Object.values(dialog.steps)) {
      for (const field of Object.keys(step.set ?? {})) fields.add(field);
      if (step.type === "question") {
        if (step.save) fields.add(step.save);
        if (step.save_estimated) fields.add(step.save_estimated);
      }
      if (step.type === "repeat") fields.add(step.save);
    }
  }
  return fields;
}

function checkField(ctx: CheckContext, file: string, path: string, field: string): void {
  if (!field.startsWith("_") && !isKnownRecordField(field)) {
    ctx.error(file, path, `unknown record field "${field}" (use a Primero field name, x_custom, or _local)`);
  }
}

function checkCondition(ctx: CheckContext, file: string, path: string, condition: Condition | undefined, written: Set<string>): void {
  if (!condition) return;
  for (const field of conditionFields(condition)) {
    if (!written.has(field)) ctx.error(file, path, `field "${field}" is never saved by any question`);
  }
}

function checkCalled(ctx: CheckContext, file: string, path: string, caller: Dialog, calleeId: string): void {
  const callee = ctx.dialog(calleeId);
  if (!callee) return ctx.error(file, path, `unknown dialog "${calleeId}"`);
  if (callee.kind !== "module") return ctx.error(file, path, `"${calleeId}" is a flow; only modules can be called`);
  // Follow calls from the callee; reaching the caller again is a loop.
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | undefined => {
    if (id === caller.id) return trail;
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const step of Object.values(ctx.dialog(id)?.steps ?? {})) {
      if (step.type === "call" || step.type === "repeat") {
        const found = walk(step.dialog, [...trail, step.dialog]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const loop = walk(calleeId, [caller.id, calleeId]);
  if (loop) ctx.error(file, path, `dialogs call each other in a loop: ${loop.join(" -> ")}`);
}

function checkRules(ctx: CheckContext, file: string, path: string, rules: readonly RiskRule[], written: Set<string>): void {
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (ids.has(rule.id)) ctx.error(file, `${path}[${i}].id`, `duplicate risk rule "${rule.id}"`);
    ids.add(rule.id);
    checkCondition(ctx, file, `${path}[${i}].when`, rule.when, written);
  });
}

function checkQuestion(ctx: CheckContext, file: string, id: string, step: Extract<Step, { type: "question" }>): void {
  const at = `steps.${id}`;
  if (step.save) checkField(ctx, file, `${at}.save`, step.save);
  if (step.save_estimated) checkField(ctx, file, `${at}.save_estimated`, step.save_estimated);
  const answer = step.answer;
  if (answer.type === "number" && answer.min !== undefined && answer.max !== undefined && answer.min > answer.max) {
    ctx.error(file, `${at}.answer`, `min (${answer.min}) is greater than max (${answer.max})`);
  }
  if (answer.type === "photo") checkField(ctx, file, `${at}.answer.consent_field`, answer.consent_field);
  const choiceIds = answer.type === "choice" || answer.type === "multi_choice" ? answer.choices.map((c) => c.id) : [];
  const seen = new Set<string>();
  choiceIds.forEach((choiceId, i) => {
    if (RESERVED_CHOICES.has(choiceId)) ctx.error(file, `${at}.answer.choices[${i}].id`, `"${choiceId}" is reserved: questions offer it unless required`);
    if (seen.has(choiceId)) ctx.error(file, `${at}.answer.choices[${i}].id`, `duplicate choice "${choiceId}"`);
    seen.add(choiceId);
  });
  for (const choiceId of Object.keys(step.audience_from ?? {})) {
    if (!seen.has(choiceId)) ctx.error(file, `${at}.audience_from.${choiceId}`, `not a choice of this question`);
  }
}

export function checkReferences(file: string, dialog: Dialog, ctx: CheckContext, written: Set<string>): void {
  if (dialog.kind === "flow" && !dialog.record) ctx.error(file, "record", 'a flow says what it produces: "case" or "tracing_request"');
  if (dialog.kind === "module" && dialog.record) ctx.error(file, "record", "only flows produce records");
  checkRules(ctx, file, "risk", dialog.risk, written);
  for (const [id, step] of Object.entries(dialog.steps)) {
    const at = `steps.${id}`;
    for (const [field, value] of Object.entries(step.set ?? {})) {
      checkField(ctx, file, `${at}.set.${field}`, field);
      if (value !== null && typeof value === "object" && !written.has(value.from)) {
        ctx.error(file, `${at}.set.${field}.from`, `field "${value.from}" is never saved by any question`);
      }
    }
    if (step.type !== "end") {
      checkCondition(ctx, file, `${at}.only_if`, step.only_if, written);
      if (Array.isArray(step.next)) step.next.forEach((b, i) => checkCondition(ctx, file, `${at}.next[${i}].when`, b.when, written));
    }
    if (step.type === "question") {
      checkQuestion(ctx, file, id, step);
      checkRules(ctx, file, `${at}.risk`, step.risk ?? [], written);
    }
    if (step.type === "call" || step.type === "repeat") checkCalled(ctx, file, `${at}.dialog`, dialog, step.dialog);
    if (step.type === "repeat") checkField(ctx, file, `${at}.save`, step.save);
  }
}
