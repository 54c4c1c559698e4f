/** Every store the use cases depend on, as handed out by the storage adapter. */
import type { AuditLog } from "./auditLog.js";
import type { CaseStore } from "./caseStore.js";
import type { ConversationStore } from "./conversationStore.js";
import type { EscalationStore } from "./escalationStore.js";
import type { InboxStore } from "./inboxStore.js";
import type { OutboxStore } from "./outboxStore.js";
import type { SessionStore } from "./sessionStore.js";
import type { TracingRequestStore } from "./tracingRequestStore.js";
import type { TranscriptStore } from "./transcriptStore.js";
import type { UserStore } from "./userStore.js";

export interface Stores {
  readonly conversations: ConversationStore;
  readonly inbox: InboxStore;
  readonly outbox: OutboxStore;
  readonly cases: CaseStore;
  readonly tracingRequests: TracingRequestStore;
  readonly escalations: EscalationStore;
  readonly auditLog: AuditLog;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly transcripts: TranscriptStore;
}
