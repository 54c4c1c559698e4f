/**
 * The conversation as it happened: the person's own words, the bot's replies and caseworkers'
 * messages, for the caseworker who picks it up (DOMAIN.md: record the person's own words). Text is
 * personal data: it goes through the field codec and is erased with the conversation.
 */
export interface TranscriptEntry {
  readonly conversationId: string;
  readonly subjectId: string;
  readonly from: "person" | "bot" | "caseworker";
  readonly text: string;
  /** A caseworker's user id, for their lines. */
  readonly by?: string;
  readonly at: Date;
}

export interface TranscriptStore {
  append(entries: readonly TranscriptEntry[]): Promise<void>;
  /** The latest `limit` lines, oldest first. */
  list(conversationId: string, limit: number): Promise<TranscriptEntry[]>;
  deleteForConversation(conversationId: string): Promise<number>;
}
