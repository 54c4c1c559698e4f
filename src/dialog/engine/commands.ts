/**
 * Global commands, understood at every step in the person's language (and in English, which many
 * people fall back to), typed as a whole message ("help", "/help") or pressed as a button:
 * help / safe word, back, restart, pause, change language, talk to a person, stop and delete my data.
 */
import { COMMANDS, type Command } from "../answers/vocabulary.js";
import { matchesWord, normalizeForMatch } from "../answers/normalize.js";
import { confirmEvent, languageMenuEvent } from "./ask.js";
import { advance } from "./advance.js";
import type { Input } from "./input.js";
import { showUrgentContacts } from "./risk.js";
import { emit, topFrame, undo, type Turn } from "./turn.js";

export function detectCommand(turn: Turn, input: Input): Command | undefined {
  if (input.type === "command") return input.command;
  if (input.type !== "text") return undefined;
  const normalized = normalizeForMatch(input.text.replace(/^\s*\//, ""));
  if (normalized === "") return undefined;
  const langs = turn.session.lang === "en" ? ["en"] : [turn.session.lang, "en"];
  for (const lang of langs) {
    const vocabulary = turn.env.vocabulary(lang);
    const found = COMMANDS.find((command) => matchesWord(normalized, vocabulary.commands[command], false));
    if (found) return found;
  }
  return undefined;
}

function audience(turn: Turn): { audience?: "child" | "adult" } {
  return turn.session.audience ? { audience: turn.session.audience } : {};
}

/** Enters the safety module (what next: go on, a person, "that's wrong") unless already in it. */
export function pushSafety(turn: Turn): void {
  const frame = topFrame(turn);
  const root = turn.session.stack[0];
  const safetyId = root ? turn.set.get(root.dialog, root.version)?.settings.safety_module : undefined;
  const safety = safetyId ? turn.set.latest(safetyId) : undefined;
  if (turn.session.status === "paused") turn.session.status = "active";
  if (safety && frame && frame.dialog !== safety.id && turn.session.status === "active") {
    turn.session.stack.push({ dialog: safety.id, version: safety.version, step: safety.start, retries: 0, scope: frame.scope });
  }
}

/** Shows help contacts at once, then runs the safety module or asks the question again. */
function help(turn: Turn): void {
  showUrgentContacts(turn, "command");
  pushSafety(turn);
  advance(turn);
}

function back(turn: Turn): void {
  const entry = turn.session.history.pop();
  if (!entry) emit(turn, { type: "message", key: "common:back.at_start", ...audience(turn) });
  else {
    undo(turn.session, entry.changes);
    turn.session.stack = entry.stack;
  }
  advance(turn);
}

function person(turn: Turn): void {
  const frame = topFrame(turn);
  emit(turn, { type: "handoff_requested", reason: "user_request", dialog: frame?.dialog ?? turn.session.dialog, step: frame?.step ?? "" });
  emit(turn, { type: "message", key: "common:person.requested", ...audience(turn) });
  advance(turn);
}

function pause(turn: Turn): void {
  turn.session.status = "paused";
  emit(turn, { type: "session_status_changed", status: "paused", reason: "user_pause" });
  emit(turn, { type: "message", key: "common:pause.saved", ...audience(turn) });
}

export function runCommand(turn: Turn, command: Command): void {
  switch (command) {
    case "help":
      return help(turn);
    case "back":
      return back(turn);
    case "person":
      return person(turn);
    case "pause":
      return pause(turn);
    case "restart":
    case "stop":
      turn.session.pending = { kind: "confirm", command };
      emit(turn, confirmEvent(turn, command));
      return;
    case "language":
      turn.session.pending = { kind: "language" };
      emit(turn, languageMenuEvent(turn));
      return;
  }
}
