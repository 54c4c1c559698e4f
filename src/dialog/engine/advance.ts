/**
 * Moves a conversation forward from its current position until it needs the person again: a
 * question is asked, a person is awaited, or the flow ends. Steps that say something, call modules,
 * start repeats or hand off run one after another in the same turn.
 */
import { shortRefFromUuid } from "../../domain/shortRef.js";
import type { Next, Step } from "../schema/dialogSchema.js";
import { moreQuestionEvent, questionEvent } from "./ask.js";
import { copyData } from "./copyData.js";
import { evaluate } from "./evaluate.js";
import { fieldPath, readField } from "./record.js";
import type { Frame, JsonObject } from "./session.js";
import { DialogRuntimeError, emit, frameDialog, frameStep, qualify, topFrame, write, type Turn } from "./turn.js";

/** A dialog passes at most this many steps without asking anything; the checker rejects question-free cycles. */
const MAX_STEPS_PER_TURN = 200;

export function resolveNext(turn: Turn, frame: Frame, next: Next): string {
  if (typeof next === "string") return next;
  for (const branch of next) if (!branch.when || evaluate(branch.when, turn.session, frame.scope)) return branch.goto;
  throw new DialogRuntimeError(`no branch of ${frame.dialog}.${frame.step} applies`);
}

export function goTo(turn: Turn, frame: Frame, next: Next): void {
  frame.step = resolveNext(turn, frame, next);
  frame.retries = 0;
  delete frame.askingMore;
}

function audience(turn: Turn): { audience?: "child" | "adult" } {
  return turn.session.audience ? { audience: turn.session.audience } : {};
}

export function applySet(turn: Turn, frame: Frame, step: Step): void {
  for (const [field, value] of Object.entries(step.set ?? {})) {
    const resolved = value !== null && typeof value === "object" ? readField(turn.session, frame.scope, value.from).value : value;
    write(turn, fieldPath(frame.scope, field), resolved ?? null);
  }
}

/** Enters a called module or a new repeat item, in the caller's scope or the item's. */
function push(turn: Turn, dialogId: string, scope: Frame["scope"]): void {
  const dialog = turn.set.latest(dialogId);
  if (!dialog) throw new DialogRuntimeError(`dialog ${dialogId} is not loaded`);
  turn.session.stack.push({ dialog: dialog.id, version: dialog.version, step: dialog.start, retries: 0, scope });
}

function startItem(turn: Turn, frame: Frame, field: string, dialogId: string): void {
  const path = fieldPath(frame.scope, field);
  const { value } = readField(turn.session, frame.scope, field);
  const items = Array.isArray(value) ? value : [];
  write(turn, path, [...items, {}]);
  push(turn, dialogId, [...frame.scope, field, items.length]);
}

/** The end of a module returns to its caller; the end of a flow completes the conversation. */
function finish(turn: Turn, frame: Frame, text: string | undefined, answers: "keep" | "discard"): "continue" | "stop" {
  const { session } = turn;
  const say = (params?: Record<string, string>): void => {
    if (text) emit(turn, { type: "message", key: qualify(text, frame.dialog), ...(params ? { params } : {}), ...audience(turn) });
  };
  session.stack.pop();
  const caller = topFrame(turn);
  if (caller) {
    say();
    const callerStep = frameStep(turn, caller);
    if (callerStep.type === "repeat") caller.askingMore = true;
    else if (callerStep.type === "call") goTo(turn, caller, callerStep.next);
    return "continue";
  }
  const dialog = frameDialog(turn, frame);
  if (answers === "keep" && dialog.record) {
    const recordId = turn.env.uuid();
    const shortRef = shortRefFromUuid(recordId);
    const fields: JsonObject = copyData(session.record);
    fields["language"] = session.lang;
    say({ ref: shortRef });
    emit(turn, {
      type: "record_completed",
      recordType: dialog.record,
      dialog: dialog.id,
      dialogVersion: dialog.version,
      recordId,
      shortRef,
      fields,
      answerStatus: { ...session.answerStatus },
      flags: copyData(session.flags),
    });
    session.status = "completed";
    emit(turn, { type: "session_status_changed", status: "completed", reason: "completed" });
  } else {
    say();
    session.record = {};
    session.answerStatus = {};
    session.status = "ended";
    emit(turn, { type: "session_status_changed", status: "ended", reason: "discarded" });
  }
  session.history = [];
  return "stop";
}

/** Runs one step; "stop" when the turn should wait for the person. */
function runStep(turn: Turn, frame: Frame, step: Step): "continue" | "stop" {
  const dialogId = frame.dialog;
  if (step.type !== "end" && step.only_if && !evaluate(step.only_if, turn.session, frame.scope)) {
    if (!step.next) throw new DialogRuntimeError(`${frame.dialog}.${frame.step} has only_if but no next`);
    goTo(turn, frame, step.next);
    return "continue";
  }
  // A question's `set` is written when it is answered (answer.ts), so a re-prompt writes nothing.
  if (step.type !== "question" && !frame.askingMore) applySet(turn, frame, step);
  switch (step.type) {
    case "message":
      emit(turn, { type: "message", key: qualify(step.text, dialogId), ...audience(turn) });
      goTo(turn, frame, step.next);
      return "continue";
    case "question": {
      const consent = step.answer.type === "photo" ? readField(turn.session, frame.scope, step.answer.consent_field).value : true;
      if (consent !== true) {
        goTo(turn, frame, step.next);
        return "continue";
      }
      emit(turn, questionEvent(turn, step, dialogId));
      return "stop";
    }
    case "call":
      push(turn, step.dialog, frame.scope);
      return "continue";
    case "repeat":
      if (frame.askingMore) {
        emit(turn, moreQuestionEvent(turn, step, dialogId));
        return "stop";
      }
      startItem(turn, frame, step.save, step.dialog);
      return "continue";
    case "handoff":
      emit(turn, { type: "message", key: qualify(step.text, dialogId), ...audience(turn) });
      emit(turn, { type: "handoff_requested", reason: step.reason, dialog: dialogId, step: frame.step });
      if (step.next) {
        goTo(turn, frame, step.next);
        return "continue";
      }
      turn.session.status = "waiting";
      emit(turn, { type: "session_status_changed", status: "waiting", reason: "waiting_for_person" });
      return "stop";
    case "dispute": {
      const rules = turn.session.flags.filter((f) => !f.disputed).map((f) => f.rule);
      for (const flag of turn.session.flags) flag.disputed = true;
      emit(turn, { type: "risk_disputed", rules });
      emit(turn, { type: "message", key: qualify(step.text, dialogId), ...audience(turn) });
      goTo(turn, frame, step.next);
      return "continue";
    }
    case "end":
      return finish(turn, frame, step.text, step.answers);
  }
}

export function advance(turn: Turn): void {
  for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
    const frame = topFrame(turn);
    if (!frame || turn.session.status !== "active") return;
    if (runStep(turn, frame, frameStep(turn, frame)) === "stop") return;
  }
  throw new DialogRuntimeError(`more than ${MAX_STEPS_PER_TURN} steps without a question in ${turn.session.dialog}`);
}
