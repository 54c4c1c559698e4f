/**
 * One turn of a conversation, channel-neutral and pure: the stored session state (or none), what the
 * person sent, and the time in; the new session, the engine's events and the rendered replies out.
 * The I/O around it (inbox, stores, outbox) lives in processInbound.ts.
 */
import type { DialogEvent } from "../../dialog/events/index.js";
import type { Input } from "../../dialog/engine/input.js";
import { parseSession, type Session } from "../../dialog/engine/session.js";
import { noteFlags, offerSafety, repeatQuestion, startSession, step, type ExternalFlag, type StepResult } from "../../dialog/engine/step.js";
import type { OutboundContent } from "../../ports/channelPort.js";
import type { Assessment } from "../../risk/assessment.js";
import type { Content } from "../content.js";
import { renderEvent } from "../render.js";

export interface TurnInput {
  /** The stored session state; null for a person writing for the first time. */
  readonly state: unknown;
  readonly input: Input;
  readonly now: Date;
  readonly uuid: () => string;
  /** The language to suggest at first contact (channel hint, country, text guess). */
  readonly suggestedLanguage?: string | undefined;
  /** A deep link naming a flow (Telegram `/start intake`), if any. */
  readonly startFlow?: string | undefined;
  /** The message's risk assessment when the host already has one (rules combined with an LLM). */
  readonly assessment?: Assessment | undefined;
}

export interface TurnOutcome {
  readonly session: Session;
  readonly events: readonly DialogEvent[];
  readonly replies: readonly OutboundContent[];
}

function isFinished(session: Session): boolean {
  return session.status === "completed" || session.status === "ended" || session.status === "expired";
}

function isStartCommand(input: Input): boolean {
  return input.type === "text" && /^\/start(\s|$)/.test(input.text.trim());
}

/**
 * What the free-text classifier found in the message, as flags for the engine: every reason that
 * was not negated. Rule ids only (`text:en:self_harm.wish_to_die`), never the matched words.
 */
function textFlags(content: Content, input: Input, lang: string, given: Assessment | undefined): ExternalFlag[] {
  if (input.type !== "text" || isStartCommand(input)) return [];
  const assessment = given ?? content.classify(input.text, lang);
  return assessment.reasons.filter((r) => !r.negated).map((r) => ({ rule: `text:${r.rule}`, category: r.category, level: r.level }));
}

/** Concatenates two results of the same turn: the second continues from the first's session. */
function then(first: StepResult, second: StepResult): StepResult {
  return { session: second.session, events: [...first.events, ...second.events] };
}

/** The dialog's part of the turn, given the session as it stood (undefined for a first message). */
function dialogTurn(content: Content, turn: TurnInput, previous: Session | undefined, flags: readonly ExternalFlag[]): StepResult {
  const env = content.engineEnv(turn.now, turn.uuid);
  const flow = turn.startFlow && content.dialogs.latest(turn.startFlow)?.kind === "flow" ? turn.startFlow : undefined;
  if (!previous) {
    const lang = turn.suggestedLanguage && content.languages.includes(turn.suggestedLanguage) ? turn.suggestedLanguage : content.deployment.default_language;
    const started = startSession(content.dialogs, flow, { lang, chooseLanguage: true }, env);
    return then(started, noteFlags(content.dialogs, started.session, flags, env));
  }
  if (isFinished(previous)) {
    // Someone writing again after an ending starts afresh, in the language they chose before.
    const started = startSession(content.dialogs, flow, { lang: previous.lang }, env);
    return then(started, noteFlags(content.dialogs, started.session, flags, env));
  }
  if (isStartCommand(turn.input)) return repeatQuestion(content.dialogs, previous, env);
  // Flags first, on the session as it was, so that help contacts precede the dialog's next question.
  const noted = noteFlags(content.dialogs, previous, flags, env);
  // A disclosure of danger or self-harm is not taken as an answer: contacts, then "what next?".
  const urgent = noted.events.some((e) => e.type === "help_shown");
  const next = urgent && noted.session.pending === undefined ? offerSafety(content.dialogs, noted.session, env) : step(content.dialogs, noted.session, turn.input, env);
  return then(noted, next);
}

export function runTurn(content: Content, turn: TurnInput): TurnOutcome {
  const previous = turn.state === null || turn.state === undefined ? undefined : parseSession(turn.state);
  const lang = previous?.lang ?? turn.suggestedLanguage ?? content.deployment.default_language;
  const result = dialogTurn(content, turn, previous, textFlags(content, turn.input, lang, turn.assessment));
  return { session: result.session, events: result.events, replies: renderReplies(content, result) };
}

export function renderReplies(content: Content, result: StepResult): OutboundContent[] {
  const lang = result.session.lang;
  const direction = content.translator.isRtl(lang) ? "rtl" : "ltr";
  const replies: OutboundContent[] = [];
  for (const event of result.events) {
    const rendered = renderEvent(content.translator, event, lang);
    if (rendered) replies.push({ ...rendered, lang, direction });
  }
  // Help contacts after an urgent flag go first, whatever else the turn says, and only once.
  const urgent = replies.filter((r, i) => r.urgent && replies.findIndex((o) => o.urgent && o.text === r.text) === i);
  return [...urgent, ...replies.filter((r) => !r.urgent)];
}
