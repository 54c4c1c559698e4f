/**
 * First contact: the language menu (each language named in itself, the channel's hint first), then,
 * when the deployment has several flows, "How can I help you?" with each flow's title. Both are
 * answered like any question; help works throughout.
 */
import type { QuestionEvent } from "../events/index.js";
import { advance } from "./advance.js";
import { DialogRuntimeError, type Turn } from "./turn.js";

export function flowMenuEvent(turn: Turn, flows: readonly string[]): QuestionEvent {
  return {
    type: "question",
    key: "common:menu.choose",
    ...(turn.session.audience ? { audience: turn.session.audience } : {}),
    input: "choice",
    choices: flows.map((id) => ({ id, key: `${id}:${turn.set.latest(id)?.title ?? "title"}` })),
    multiple: false,
    allowSkip: false,
    allowDontKnow: false,
  };
}

/** Puts the session at the start of a flow (first contact, menu choice or restart) and runs it. */
export function startFlow(turn: Turn, flowId: string): void {
  startFlowPending(turn, flowId);
  turn.session.status = "active";
  advance(turn);
}


/** Places the session at a flow's start without running it: the language menu answers first. */
export function startFlowPending(turn: Turn, flowId: string): void {
  const flow = turn.set.latest(flowId);
  if (!flow) throw new DialogRuntimeError(`no flow named ${flowId}`);
  turn.session.dialog = flow.id;
  turn.session.dialogVersion = flow.version;
  turn.session.stack = [{ dialog: flow.id, version: flow.version, step: flow.start, retries: 0, scope: [] }];
}
