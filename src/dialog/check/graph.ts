/**
 * Structural checks on a dialog's step graph: references resolve, every step can be reached from the
 * start, and no loop can run without asking the person anything.
 */
import type { Dialog, Step } from "../schema/dialogSchema.js";
import { targets, type CheckContext } from "./context.js";

function asksSomething(step: Step, ctx: CheckContext): boolean {
  if (step.type === "question") return true;
  if (step.type === "call" || step.type === "repeat") {
    const module = ctx.dialog(step.dialog);
    return module !== undefined && Object.values(module.steps).some((s) => s.type === "question");
  }
  return false;
}

export function checkGraph(file: string, dialog: Dialog, ctx: CheckContext): void {
  const steps = dialog.steps;
  if (!steps[dialog.start]) ctx.error(file, "start", `unknown step "${dialog.start}"`);
  for (const [id, step] of Object.entries(steps)) {
    for (const { target, path } of targets(id, step)) {
      if (!steps[target]) ctx.error(file, path, `unknown step "${target}"`);
    }
    const next = step.type === "end" ? undefined : step.next;
    if (Array.isArray(next) && next[next.length - 1]?.when) {
      ctx.error(file, `steps.${id}.next[${next.length - 1}]`, 'the last branch needs no "when": it is the default');
    }
    if (step.type === "handoff" && step.only_if && !step.next) ctx.error(file, `steps.${id}.only_if`, 'a step with "only_if" needs a "next"');
  }
  checkReachable(file, dialog, ctx);
  checkLoops(file, dialog, ctx);
  if (!Object.values(steps).some((s) => s.type === "end")) ctx.error(file, "steps", 'no "end" step: the dialog can never finish');
}

function checkReachable(file: string, dialog: Dialog, ctx: CheckContext): void {
  const seen = new Set<string>();
  const queue = [dialog.start];
  while (queue.length > 0) {
    const id = queue.pop();
    const step = id === undefined ? undefined : dialog.steps[id];
    if (id === undefined || !step || seen.has(id)) continue;
    seen.add(id);
    for (const { target } of targets(id, step)) queue.push(target);
  }
  for (const id of Object.keys(dialog.steps)) {
    if (!seen.has(id)) ctx.error(file, `steps.${id}`, `unreachable from the start step "${dialog.start}"`);
  }
}

/** Depth-first search over steps that ask nothing; a back edge is a loop that would never wait for the person. */
function checkLoops(file: string, dialog: Dialog, ctx: CheckContext): void {
  const state = new Map<string, "open" | "done">();
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    const step = dialog.steps[id];
    if (!step || asksSomething(step, ctx) || state.get(id) === "done") return;
    if (state.get(id) === "open") {
      const loop = [...trail.slice(trail.indexOf(id)), id];
      const key = [...loop].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        ctx.error(file, `steps.${id}`, `a loop that asks no question would run forever: ${loop.join(" -> ")}`);
      }
      return;
    }
    state.set(id, "open");
    for (const { target } of targets(id, step)) visit(target, [...trail, id]);
    state.set(id, "done");
  };
  for (const id of Object.keys(dialog.steps)) visit(id, []);
}
