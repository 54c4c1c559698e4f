/**
 * The person asked to stop and delete their data. The engine has already emptied the session;
 * the host deletes what is stored (conversation, transcript, records not yet handed to a caseworker).
 *
 * @example { type: "erasure_requested" }
 */
export interface ErasureRequestedEvent {
  readonly type: "erasure_requested";
}
