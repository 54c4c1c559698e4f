/**
 * The engine's entry points. Pure: `(dialogs, session, input, env) -> { session, events }`. The input
 * session is never modified; the host stores the returned one and acts on the events.
 */
import type { DialogSet } from "../dialogSet.js";
import type { DialogEvent } from "../events/index.js";
import type { Dialog } from "../schema/dialogSchema.js";
import { languageMenuEvent, menuLanguages } from "./ask.js";
import { advance } from "./advance.js";
import { answerMore, answerQuestion } from "./answer.js";
import { detectCommand, runCommand } from "./commands.js";
import type { EngineEnv } from "./env.js";
import type { Input } from "./input.js";
import { parseYesNo } from "../answers/parseSimple.js";
import { normalizeForMatch } from "../answers/normalize.js";
import { migrateToLoaded } from "./migrate.js";
import { SESSION_SCHEMA_VERSION, type Audience, type Session } from "./session.js";
import { DialogRuntimeError, emit, frameStep, topFrame, type Turn } from "./turn.js";

export interface StepResult {
  readonly session: Session;
  readonly events: readonly DialogEvent[];
}

/** Keeps "back" cheap: older positions are forgotten. */
const MAX_HISTORY = 60;

export interface StartOptions {
  /** The language to start in: the channel's hint or a guess, or the deployment's default. */
  readonly lang: string;
  readonly audience?: Audience;
  /** Ask which language first (first contact), with `lang` as the suggestion the menu starts from. */
  readonly chooseLanguage?: boolean;
}

function newTurn(set: DialogSet, env: EngineEnv, session: Session): Turn {
  return { set, env, session: structuredClone(session), events: [], changes: [] };
}

function blankSession(dialog: Dialog, options: StartOptions, now: Date): Session {
  return {
    schema: SESSION_SCHEMA_VERSION,
    dialog: dialog.id,
    dialogVersion: dialog.version,
    lang: options.lang,
    ...(options.audience ? { audience: options.audience } : {}),
    status: "active",
    stack: [{ dialog: dialog.id, version: dialog.version, step: dialog.start, retries: 0, scope: [] }],
    record: {},
    vars: {},
    answerStatus: {},
    flags: [],
    history: [],
    startedAt: now.toISOString(),
    lastActivityAt: now.toISOString(),
  };
}

/** Starts a conversation on the newest version of a flow. */
export function startSession(set: DialogSet, dialogId: string, options: StartOptions, env: EngineEnv): StepResult {
  const dialog = set.latest(dialogId);
  if (!dialog || dialog.kind !== "flow") throw new DialogRuntimeError(`no flow named ${dialogId}`);
  const turn = newTurn(set, env, blankSession(dialog, options, env.now));
  emit(turn, { type: "session_status_changed", status: "active", reason: "started" });
  if (options.chooseLanguage && env.languages.length > 1) {
    turn.session.pending = { kind: "language" };
    emit(turn, languageMenuEvent(turn));
  } else advance(turn);
  return { session: turn.session, events: turn.events };
}

function resolvePending(turn: Turn, input: Input): void {
  const { session } = turn;
  const pending = session.pending;
  if (!pending) return;
  delete session.pending;
  if (pending.kind === "language") {
    const choice = input.type === "choice" ? input.id : input.type === "text" ? normalizeForMatch(input.text) : "";
    const lang = menuLanguages(turn).find(
      (l, i) => l === choice || String(i + 1) === choice || normalizeForMatch(turn.env.label("common:language.name", l, undefined)) === choice,
    );
    if (lang && lang !== session.lang) {
      emit(turn, { type: "language_changed", from: session.lang, to: lang });
      session.lang = lang;
    }
    advance(turn);
    return;
  }
  const reading = input.type === "text" ? parseYesNo(input.text, turn.env.vocabulary(session.lang)) : undefined;
  const yes = input.type === "choice" ? input.id === "yes" : reading?.ok === true && reading.value === true;
  if (!yes) {
    emit(turn, { type: "message", key: "common:confirm.cancelled" });
    advance(turn);
  } else if (pending.command === "restart") restart(turn);
  else stop(turn);
}

function restart(turn: Turn): void {
  const dialog = turn.set.latest(turn.session.dialog);
  if (!dialog) throw new DialogRuntimeError(`dialog ${turn.session.dialog} is not loaded`);
  const { lang, audience } = turn.session;
  const fresh = blankSession(dialog, { lang, ...(audience ? { audience } : {}) }, turn.env.now);
  Object.assign(turn.session, fresh);
  delete turn.session.pending;
  emit(turn, { type: "session_status_changed", status: "active", reason: "user_restart" });
  advance(turn);
}

function stop(turn: Turn): void {
  const { session } = turn;
  session.record = {};
  session.vars = {};
  session.answerStatus = {};
  session.flags = [];
  session.history = [];
  session.stack = [];
  session.status = "ended";
  emit(turn, { type: "erasure_requested" });
  emit(turn, { type: "session_status_changed", status: "ended", reason: "user_stop" });
  emit(turn, { type: "message", key: "common:stop.done" });
}

/** Handles one input from the person. */
export function step(set: DialogSet, session: Session, input: Input, env: EngineEnv): StepResult {
  const turn = newTurn(set, env, session);
  const s = turn.session;
  s.lastActivityAt = env.now.toISOString();
  delete s.remindedAt;
  if (s.status === "completed" || s.status === "ended" || s.status === "expired") {
    emit(turn, { type: "message", key: "common:done.already" });
    return { session: s, events: turn.events };
  }
  // A conversation whose version could not be mapped has started again; this input answered nothing yet.
  if (migrateToLoaded(turn) === "restarted") return { session: s, events: turn.events };
  const command = detectCommand(turn, input);
  // Help comes first whatever the state; other commands wait until a pending confirmation is answered.
  if (command === "help" || (command && !s.pending)) {
    delete s.pending;
    runCommand(turn, command);
  } else if (s.pending) {
    resolvePending(turn, input);
  } else if (s.status === "paused") {
    s.status = "active";
    emit(turn, { type: "session_status_changed", status: "active", reason: "resumed" });
    emit(turn, { type: "message", key: "common:pause.welcome_back" });
    advance(turn);
  } else if (s.status === "waiting") {
    emit(turn, { type: "message", key: "common:person.waiting" });
  } else {
    answerCurrent(turn, input);
  }
  return { session: s, events: turn.events };
}

function answerCurrent(turn: Turn, input: Input): void {
  const frame = topFrame(turn);
  if (!frame) return;
  const current = frameStep(turn, frame);
  const before = structuredClone(turn.session.stack);
  if (current.type === "question") answerQuestion(turn, frame, current, input);
  else if (current.type === "repeat" && frame.askingMore) answerMore(turn, frame, current, input);
  else advance(turn);
  // Remember the position and the writes, so that "back" can return here.
  if (turn.changes.length > 0 || JSON.stringify(before) !== JSON.stringify(turn.session.stack)) {
    turn.session.history.push({ stack: before, changes: turn.changes });
    if (turn.session.history.length > MAX_HISTORY) turn.session.history.shift();
  }
}

function durationMs(text: string): number {
  const amount = Number(text.slice(0, -1));
  const unit = text.slice(-1);
  return amount * (unit === "d" ? 86_400_000 : unit === "h" ? 3_600_000 : 60_000);
}

/** Called by the host's scheduler: a reminder after a pause, expiry after a long silence. */
export function checkTimers(set: DialogSet, session: Session, env: EngineEnv): StepResult {
  const turn = newTurn(set, env, session);
  const s = turn.session;
  const root = set.get(s.dialog, s.dialogVersion) ?? set.latest(s.dialog);
  if (!root || (s.status !== "active" && s.status !== "paused")) return { session: s, events: [] };
  const idle = env.now.getTime() - Date.parse(s.lastActivityAt);
  if (idle >= durationMs(root.settings.expire_after)) {
    s.status = "expired";
    s.history = [];
    emit(turn, { type: "session_status_changed", status: "expired", reason: "expired" });
  } else if (s.status === "active" && !s.remindedAt && idle >= durationMs(root.settings.remind_after)) {
    s.remindedAt = env.now.toISOString();
    emit(turn, { type: "reminder_due", step: topFrame(turn)?.step ?? "" });
    emit(turn, { type: "message", key: "common:reminder" });
  }
  return { session: s, events: turn.events };
}
