/**
 * `kinlink chat --dialog intake [--lang en] [--as child] [--record FILE]`: plays a dialog in the
 * terminal, as a family would on a phone. Choices are numbered (type the number or the words); the
 * events the engine emits are shown in grey. `/loc LAT,LON [name]` shares a location, `/photo` sends a
 * photo, `/wait 31m` lets time pass, `/quit` leaves. `--record` saves the conversation as a golden test.
 */
import { writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Content } from "../app/content.js";
import { sayLine, type GoldenInput } from "../app/golden.js";
import type { DialogEvent } from "../dialog/events/index.js";
import type { Input } from "../dialog/engine/input.js";
import type { Audience, Session } from "../dialog/engine/session.js";
import { checkTimers, startSession, step, type StepResult } from "../dialog/engine/step.js";

export interface ChatOptions {
  readonly dialog: string;
  readonly lang: string;
  readonly audience?: Audience | undefined;
  readonly record?: string | undefined;
  readonly showEvents: boolean;
}

const grey = (s: string): string => (process.stdout.isTTY ? `\x1b[90m${s}\x1b[0m` : s);
const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

/** One line per event that says nothing to the person, for dialog authors. */
export function describeEvent(event: DialogEvent): string | undefined {
  switch (event.type) {
    case "message":
    case "question":
      return undefined;
    case "answer_saved":
      return `answer_saved ${event.field} = ${JSON.stringify(event.value)}${event.status === "answered" ? "" : ` (${event.status})`}`;
    case "answer_rejected":
      return `answer_rejected ${event.step}: ${event.reason} (attempt ${event.attempt}${event.gaveUp ? ", gave up" : ""})`;
    case "risk_flagged":
      return `risk_flagged ${event.category} / ${event.level} (${event.rule}, provisional)`;
    case "risk_disputed":
      return `risk_disputed ${event.rules.join(", ") || "(no flags)"}`;
    case "handoff_requested":
      return `handoff_requested (${event.reason})`;
    case "record_completed":
      return `record_completed ${event.recordType} ${event.shortRef}: ${JSON.stringify(event.fields)}`;
    case "language_changed":
      return `language_changed ${event.from} -> ${event.to}`;
    case "session_status_changed":
      return `session ${event.status} (${event.reason})`;
    case "erasure_requested":
      return "erasure_requested: the host deletes this person's data";
    case "reminder_due":
      return `reminder_due at ${event.step}`;
    case "help_shown":
      return `help_shown (${event.trigger})`;
  }
}

function show(content: Content, result: StepResult, showEvents: boolean, write: (s: string) => void): void {
  for (const event of result.events) {
    const line = sayLine(content, event, result.session.lang);
    if (line !== undefined) write(`${bold("bot")}  ${line}`);
    else if (showEvents) {
      const description = describeEvent(event);
      if (description) write(grey(`     · ${description}`));
    }
  }
}

/** Turns a typed line into an input, or a wait; undefined for /quit. */
export function parseChatLine(line: string, photoCount: number): Input | { wait: string } | "quit" | undefined {
  const trimmed = line.trim();
  if (trimmed === "/quit" || trimmed === "/exit") return "quit";
  const loc = /^\/loc\s+(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(trimmed);
  if (loc) return { type: "location", latitude: Number(loc[1]), longitude: Number(loc[2]), ...(loc[3] ? { name: loc[3] } : {}) };
  if (trimmed === "/photo") return { type: "photo", ref: `terminal-photo-${photoCount + 1}` };
  const wait = /^\/wait\s+(\d+[mhd])$/.exec(trimmed);
  if (wait?.[1]) return { wait: wait[1] };
  if (trimmed === "") return undefined;
  return { type: "text", text: line };
}

export async function chat(content: Content, options: ChatOptions): Promise<number> {
  const write = (s: string): void => void process.stdout.write(`${s}\n`);
  if (!content.dialogs.latest(options.dialog)) {
    write(`No dialog "${options.dialog}". Dialogs: ${content.dialogs.flows().map((d) => d.id).join(", ")}`);
    return 2;
  }
  let now = new Date();
  const env = () => content.engineEnv(now, randomUUID);
  const recorded: GoldenInput[] = [];
  const startedAt = now.toISOString();
  let result = startSession(content.dialogs, options.dialog, { lang: options.lang, ...(options.audience ? { audience: options.audience } : {}) }, env());
  write(grey(`kinlink chat: ${options.dialog} in ${options.lang}. Type "help", "back", "pause", "language", "person", "restart" or "stop" at any time; /quit to leave.`));
  show(content, result, options.showEvents, write);
  const rl = createInterface({ input: process.stdin, terminal: false });
  // Iterate lines (rather than rl.question) so piped input is read line by line, none lost.
  const lines = rl[Symbol.asyncIterator]();
  let photos = 0;
  try {
    while (isOpen(result.session)) {
      if (process.stdin.isTTY) process.stdout.write("you  ");
      const next = await lines.next();
      if (next.done === true) break;
      const line: string = next.value;
      if (!process.stdin.isTTY) write(`you  ${line}`);
      const parsed = parseChatLine(line, photos);
      if (parsed === "quit") break;
      if (parsed === undefined) continue;
      if ("wait" in parsed) {
        now = new Date(now.getTime() + Number(parsed.wait.slice(0, -1)) * ({ m: 60_000, h: 3_600_000, d: 86_400_000 }[parsed.wait.slice(-1)] ?? 60_000));
        result = checkTimers(content.dialogs, result.session, env());
      } else {
        if (parsed.type === "photo") photos++;
        now = new Date();
        result = step(content.dialogs, result.session, parsed, env());
      }
      recorded.push("wait" in parsed ? parsed : parsed.type === "text" ? parsed.text : parsed);
      show(content, result, options.showEvents, write);
    }
  } finally {
    rl.close();
  }
  if (options.record) {
    const golden = { description: "recorded with kinlink chat", dialog: options.dialog, lang: options.lang, ...(options.audience ? { audience: options.audience } : {}), now: startedAt, inputs: recorded };
    writeFileSync(options.record, `${JSON.stringify(golden, null, 2)}\n`);
    write(grey(`saved ${recorded.length} inputs to ${options.record}; run "kinlink dialogs test --update ${options.record}" to write its transcript`));
  }
  return 0;
}

function isOpen(session: Session): boolean {
  return session.status === "active" || session.status === "paused" || session.status === "waiting";
}
