/**
 * The engine's entry points. Pure: `(dialogs, session, input, env) -> { session, events }`. The input
 * session is never modified; the host stores the returned one and acts on the events.
 */
import type { DialogSet } from "../dialogSet.js";
import type { DialogEvent } from "../events/index.js";
import { languageMenuEvent } from "./ask.js";
import { reshowPending, resolvePending } from "./pending.js";
import { flowMenuEvent, startFlow, startFlowPending } from "./entry.js";
import { advance } from "./advance.js";
import { answerMore, answerQuestion } from "./answer.js";
import { detectCommand, pushSafety, runCommand } from "./commands.js";
import type { EngineEnv } from "./env.js";
import type { Input } from "./input.js";
import { migrateToLoaded } from "./migrate.js";
import { URGENT_CATEGORIES } from "../../domain/risk.js";
import { SESSION_SCHEMA_VERSION, type Audience, type RiskFlag, type Session } from "./session.js";
import { copyData, sameData } from "./copyData.js";
import { showUrgentContacts } from "./risk.js";
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
  return { set, env, session: copyData(session), events: [], changes: [] };
}

function blankSession(options: StartOptions, now: Date): Session {
  return {
    schema: SESSION_SCHEMA_VERSION,
    dialog: "",
    dialogVersion: 0,
    lang: options.lang,
    ...(options.audience ? { audience: options.audience } : {}),
    status: "active",
    stack: [],
    record: {},
    vars: {},
    answerStatus: {},
    flags: [],
    history: [],
    startedAt: now.toISOString(),
    lastActivityAt: now.toISOString(),
  };
}

/**
 * Starts a conversation: the language menu first when `chooseLanguage` (first contact), then the
 * given flow — or, without one, "How can I help you?" over the deployment's flows.
 */
export function startSession(set: DialogSet, flowId: string | undefined, options: StartOptions, env: EngineEnv): StepResult {
  const flows = flowId ? [flowId] : set.flows().map((d) => d.id);
  for (const id of flows) if (set.latest(id)?.kind !== "flow") throw new DialogRuntimeError(`no flow named ${id}`);
  const turn = newTurn(set, env, blankSession(options, env.now));
  emit(turn, { type: "session_status_changed", status: "active", reason: "started" });
  if (options.chooseLanguage && env.languages.length > 1) {
    turn.session.pending = { kind: "language" };
    if (flowId) startFlowPending(turn, flowId);
    emit(turn, languageMenuEvent(turn));
  } else if (flows.length > 1) {
    turn.session.pending = { kind: "flow", flows };
    emit(turn, flowMenuEvent(turn, flows));
  } else if (flows[0]) startFlow(turn, flows[0]);
  return { session: turn.session, events: turn.events };
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
  // Help comes first whatever the state. While a menu or confirmation waits for an answer, other
  // commands count as answers, except that at the flow menu one can still change language or stop.
  const atFlowMenu = s.pending?.kind === "flow";
  if (command === "help" && s.pending) {
    showUrgentContacts(turn, "command");
    reshowPending(turn);
  } else if (command && (!s.pending || (atFlowMenu && (command === "language" || command === "stop")))) {
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
  const before = copyData(turn.session.stack);
  if (current.type === "question") answerQuestion(turn, frame, current, input);
  else if (current.type === "repeat" && frame.askingMore) answerMore(turn, frame, current, input);
  else advance(turn);
  // Remember the position and the writes, so that "back" can return here.
  if (turn.changes.length > 0 || !sameData(before, turn.session.stack)) {
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

/** Asks the current question again without taking any answer (a channel's "/start" mid-dialog, a reconnect). */
export function repeatQuestion(set: DialogSet, session: Session, env: EngineEnv): StepResult {
  const turn = newTurn(set, env, session);
  if (turn.session.pending) reshowPending(turn);
  else if (turn.session.status === "active") advance(turn);
  return { session: turn.session, events: turn.events };
}

/** When `checkTimers` will next have something to do for this session, or null (the host schedules it). */
export function nextTimerAt(set: DialogSet, session: Session): Date | null {
  const root = set.get(session.dialog, session.dialogVersion) ?? set.latest(session.dialog);
  if (!root || (session.status !== "active" && session.status !== "paused")) return null;
  const last = Date.parse(session.lastActivityAt);
  const expiry = last + durationMs(root.settings.expire_after);
  const reminder = last + durationMs(root.settings.remind_after);
  const remind = session.status === "active" && !session.remindedAt && reminder < expiry;
  return new Date(remind ? reminder : expiry);
}

/** A risk flag found outside the dialog's own rules (the free-text classifier), for `noteFlags`. */
export interface ExternalFlag {
  readonly rule: string;
  readonly category: RiskFlag["category"];
  readonly level: Exclude<RiskFlag["level"], "none">;
}

/**
 * Records flags the host found in what the person wrote (e.g. a disclosure typed in answer to any
 * question): each rule once per conversation, and for an urgent category the help contacts, which
 * the host sends before anything else the turn says.
 */
export function noteFlags(set: DialogSet, session: Session, flags: readonly ExternalFlag[], env: EngineEnv): StepResult {
  // Nothing new (most messages): the session as given, without a working copy.
  if (flags.every((flag) => session.flags.some((f) => f.rule === flag.rule))) return { session, events: [] };
  const turn = newTurn(set, env, session);
  const step = topFrame(turn)?.step ?? "";
  for (const flag of flags) {
    if (turn.session.flags.some((f) => f.rule === flag.rule)) continue;
    turn.session.flags.push({ ...flag, dialog: turn.session.dialog, step, at: env.now.toISOString() });
    emit(turn, { type: "risk_flagged", ...flag, dialog: turn.session.dialog, step });
    if (URGENT_CATEGORIES.has(flag.category) && (flag.level === "high" || flag.level === "medium")) showUrgentContacts(turn, "urgent_flag");
  }
  return { session: turn.session, events: turn.events };
}

/**
 * After help contacts for an urgent flag: the safety module's "what next?" (go on, talk to a person,
 * you got it wrong) instead of taking the message as an answer to the question that was asked.
 */
export function offerSafety(set: DialogSet, session: Session, env: EngineEnv): StepResult {
  const turn = newTurn(set, env, session);
  pushSafety(turn);
  advance(turn);
  return { session: turn.session, events: turn.events };
}
