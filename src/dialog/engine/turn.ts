/**
 * One turn of the engine: a private working copy of the session, the events emitted so far, and the
 * record writes made (so that "back" can undo them). Nothing here escapes except through `step`'s result.
 */
import type { DialogSet } from "../dialogSet.js";
import type { DialogEvent } from "../events/index.js";
import type { Dialog, Step } from "../schema/dialogSchema.js";
import type { EngineEnv } from "./env.js";
import { readPath, writePath } from "./record.js";
import type { AnswerStatus, Frame, HistoryEntry, JsonValue, Session } from "./session.js";

export interface Turn {
  readonly set: DialogSet;
  readonly env: EngineEnv;
  readonly session: Session;
  readonly events: DialogEvent[];
  readonly changes: HistoryEntry["changes"];
}

/** Stops a dialog that references something missing at run time (a bug the checker should have caught). */
export class DialogRuntimeError extends Error {
  readonly code = "DIALOG_RUNTIME_ERROR";
}

export function topFrame(turn: Turn): Frame | undefined {
  return turn.session.stack[turn.session.stack.length - 1];
}

export function frameDialog(turn: Turn, frame: Frame): Dialog {
  const dialog = turn.set.get(frame.dialog, frame.version);
  if (!dialog) throw new DialogRuntimeError(`dialog ${frame.dialog}@${frame.version} is not loaded`);
  return dialog;
}

export function frameStep(turn: Turn, frame: Frame): Step {
  const step = frameDialog(turn, frame).steps[frame.step];
  if (!step) throw new DialogRuntimeError(`step ${frame.dialog}.${frame.step} does not exist`);
  return step;
}

/** Message keys in a dialog file are relative to the dialog's own namespace unless they name one. */
export function qualify(key: string, dialogId: string): string {
  return key.includes(":") ? key : `${dialogId}:${key}`;
}

export function emit(turn: Turn, event: DialogEvent): void {
  turn.events.push(event);
}

/** Writes a value (and its answer status) and remembers what it overwrote, for "back". */
export function write(turn: Turn, path: string, value: JsonValue | undefined, status?: AnswerStatus): void {
  const { session } = turn;
  const previousStatus = session.answerStatus[path];
  turn.changes.push({
    path,
    ...(readPath(session, path) !== undefined ? { previous: readPath(session, path) } : {}),
    ...(previousStatus ? { previousStatus } : {}),
  });
  writePath(session, path, value);
  if (status && status !== "answered") session.answerStatus[path] = status;
  else delete session.answerStatus[path];
}

/** Undoes one history entry's writes, newest first. */
export function undo(session: Session, changes: HistoryEntry["changes"]): void {
  for (const change of [...changes].reverse()) {
    writePath(session, change.path, change.previous);
    if (change.previousStatus) session.answerStatus[change.path] = change.previousStatus;
    else delete session.answerStatus[change.path];
  }
}
