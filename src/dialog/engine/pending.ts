/**
 * Questions the engine asks outside any dialog: which language, which flow (at first contact), and
 * "are you sure?" before restarting or deleting. They wait in `session.pending` for the next input.
 */
import { normalizeForMatch } from "../answers/normalize.js";
import { parseYesNo } from "../answers/parseSimple.js";
import { confirmEvent, languageMenuEvent, menuLanguages } from "./ask.js";
import { advance } from "./advance.js";
import { flowMenuEvent, startFlow } from "./entry.js";
import type { Input } from "./input.js";
import { DialogRuntimeError, emit, type Turn } from "./turn.js";

function typed(input: Input): string {
  return input.type === "choice" ? input.id : input.type === "text" ? normalizeForMatch(input.text) : "";
}

/** Asks the waiting question again (after help, or an answer that was not understood). */
export function reshowPending(turn: Turn): void {
  const pending = turn.session.pending;
  if (!pending) return advance(turn);
  if (pending.kind === "language") emit(turn, languageMenuEvent(turn));
  else if (pending.kind === "flow") emit(turn, flowMenuEvent(turn, pending.flows));
  else emit(turn, confirmEvent(turn, pending.command));
}

function chooseLanguage(turn: Turn, input: Input): void {
  const { session } = turn;
  const choice = typed(input);
  const lang = menuLanguages(turn).find(
    (l, i) => l === choice || String(i + 1) === choice || normalizeForMatch(turn.env.label("common:language.name", l, undefined)) === choice,
  );
  if (lang && lang !== session.lang) {
    emit(turn, { type: "language_changed", from: session.lang, to: lang });
    session.lang = lang;
  }
  // At first contact the flow menu comes next; inside a dialog, the question that was waiting.
  const flows = session.stack.length === 0 ? turn.set.flows().map((d) => d.id) : [];
  if (flows.length > 1) {
    session.pending = { kind: "flow", flows };
    emit(turn, flowMenuEvent(turn, flows));
  } else if (flows.length === 1 && flows[0]) startFlow(turn, flows[0]);
  else advance(turn);
}

function chooseFlow(turn: Turn, flows: readonly string[], input: Input): void {
  const choice = typed(input);
  const flow = flows.find((id, i) => {
    const title = turn.set.latest(id)?.title;
    const label = title ? normalizeForMatch(turn.env.label(`${id}:${title}`, turn.session.lang, turn.session.audience)) : "";
    return id === choice || String(i + 1) === choice || (label !== "" && label === choice);
  });
  if (!flow) {
    turn.session.pending = { kind: "flow", flows: [...flows] };
    emit(turn, { type: "message", key: "common:invalid.not_a_choice", params: { count: flows.length } });
    emit(turn, flowMenuEvent(turn, flows));
    return;
  }
  startFlow(turn, flow);
}

export function resolvePending(turn: Turn, input: Input): void {
  const { session } = turn;
  const pending = session.pending;
  if (!pending) return;
  delete session.pending;
  if (pending.kind === "language") return chooseLanguage(turn, input);
  if (pending.kind === "flow") return chooseFlow(turn, pending.flows, input);
  const reading = input.type === "text" ? parseYesNo(input.text, turn.env.vocabulary(session.lang)) : undefined;
  const yes = input.type === "choice" ? input.id === "yes" : reading?.ok === true && reading.value === true;
  if (!yes) {
    emit(turn, { type: "message", key: "common:confirm.cancelled" });
    advance(turn);
  } else if (pending.command === "restart") restart(turn);
  else stop(turn);
}

function restart(turn: Turn): void {
  const { session } = turn;
  const dialog = turn.set.latest(session.dialog);
  if (!dialog) throw new DialogRuntimeError(`dialog ${session.dialog} is not loaded`);
  session.record = {};
  session.vars = {};
  session.answerStatus = {};
  session.history = [];
  session.flags = [];
  emit(turn, { type: "session_status_changed", status: "active", reason: "user_restart" });
  startFlow(turn, dialog.id);
}

export function stop(turn: Turn): void {
  const { session } = turn;
  session.record = {};
  session.vars = {};
  session.answerStatus = {};
  session.flags = [];
  session.history = [];
  session.stack = [];
  delete session.pending;
  session.status = "ended";
  emit(turn, { type: "erasure_requested" });
  emit(turn, { type: "session_status_changed", status: "ended", reason: "user_stop" });
  emit(turn, { type: "message", key: "common:stop.done" });
}

