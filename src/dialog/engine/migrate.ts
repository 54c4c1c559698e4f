/**
 * Live conversations keep the dialog version they started on. When that version is no longer loaded
 * (a deployment removed it), the newest version's `migrations` map old step ids to new ones. A
 * conversation that cannot be mapped starts again, politely, keeping its language — never crashing
 * and never silently landing on the wrong question.
 */
import { advance } from "./advance.js";
import { emit, type Turn } from "./turn.js";

export function migrateToLoaded(turn: Turn): "unchanged" | "migrated" | "restarted" {
  const { session, set } = turn;
  let lost = false;
  for (const frame of session.stack) {
    if (set.get(frame.dialog, frame.version)) continue;
    const latest = set.latest(frame.dialog);
    const mapped = latest?.migrations[String(frame.version)]?.[frame.step] ?? frame.step;
    if (!latest || !latest.steps[mapped]) {
      lost = true;
      break;
    }
    frame.version = latest.version;
    frame.step = mapped;
    frame.retries = 0;
  }
  const root = session.stack[0];
  if (!lost && root) {
    if (root.version !== session.dialogVersion) emit(turn, { type: "session_status_changed", status: session.status, reason: "migrated" });
    const changed = root.version !== session.dialogVersion;
    session.dialogVersion = root.version;
    return changed ? "migrated" : "unchanged";
  }
  if (!lost) return "unchanged";
  const flow = set.latest(session.dialog);
  if (!flow) {
    session.status = "ended";
    emit(turn, { type: "session_status_changed", status: "ended", reason: "migrated" });
    return "restarted";
  }
  session.stack = [{ dialog: flow.id, version: flow.version, step: flow.start, retries: 0, scope: [] }];
  session.dialogVersion = flow.version;
  session.record = {};
  session.vars = {};
  session.answerStatus = {};
  session.history = [];
  session.status = "active";
  emit(turn, { type: "session_status_changed", status: "active", reason: "migrated" });
  emit(turn, { type: "message", key: "common:migrated.restart" });
  advance(turn);
  return "restarted";
}
