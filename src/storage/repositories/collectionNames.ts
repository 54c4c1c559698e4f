/** The collection names, in one place so that index setup, repositories and tests agree. */
export const COLLECTIONS = {
  conversations: "conversations",
  inbox: "inbox",
  outbox: "outbox",
  cases: "cases",
  tracingRequests: "tracing_requests",
  escalations: "escalations",
  users: "users",
  sessions: "sessions",
  auditLog: "audit_log",
  matches: "matches",
  transcripts: "transcripts",
} as const;
