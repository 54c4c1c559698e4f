/**
 * Everything the engine reports. The host acts on these (send, store, escalate); the engine does no I/O.
 * Dispatch with an exhaustive `switch (event.type)` ending in `assertNever`.
 */
import type { AnswerRejectedEvent } from "./answerRejected.js";
import type { AnswerSavedEvent } from "./answerSaved.js";
import type { ErasureRequestedEvent } from "./erasureRequested.js";
import type { HandoffRequestedEvent } from "./handoffRequested.js";
import type { HelpShownEvent } from "./helpShown.js";
import type { LanguageChangedEvent } from "./languageChanged.js";
import type { MessageEvent } from "./message.js";
import type { QuestionEvent } from "./question.js";
import type { RecordCompletedEvent } from "./recordCompleted.js";
import type { ReminderDueEvent } from "./reminderDue.js";
import type { RiskDisputedEvent } from "./riskDisputed.js";
import type { RiskFlaggedEvent } from "./riskFlagged.js";
import type { SessionStatusChangedEvent } from "./sessionStatusChanged.js";

export type {
  AnswerRejectedEvent,
  AnswerSavedEvent,
  ErasureRequestedEvent,
  HandoffRequestedEvent,
  HelpShownEvent,
  LanguageChangedEvent,
  MessageEvent,
  QuestionEvent,
  RecordCompletedEvent,
  ReminderDueEvent,
  RiskDisputedEvent,
  RiskFlaggedEvent,
  SessionStatusChangedEvent,
};
export type { ChoiceView } from "./question.js";

export type DialogEvent =
  | MessageEvent
  | QuestionEvent
  | AnswerSavedEvent
  | AnswerRejectedEvent
  | RiskFlaggedEvent
  | RiskDisputedEvent
  | HandoffRequestedEvent
  | RecordCompletedEvent
  | LanguageChangedEvent
  | SessionStatusChangedEvent
  | ErasureRequestedEvent
  | ReminderDueEvent
  | HelpShownEvent;

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
