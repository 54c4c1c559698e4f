/**
 * What the console pages need from the rest of kinlink, as narrow interfaces. Sign-in is the shared
 * ConsoleAuth with its session cookie; queue, records, user administration, the audit viewer and the
 * settings view are the app's use cases; the quick replies come from the deployment's locales. The
 * optional ones make their pages say "not available" without them (a test server can leave out what
 * it does not exercise).
 */
import type { QueueService } from "../../app/queue/queueService.js";
import type { QuickReplyTexts } from "../../app/queue/quickReplies.js";
import type { RecordService } from "../../app/records/recordService.js";
import type { AuditViewer } from "../../app/admin/auditViewer.js";
import type { SettingsView } from "../../app/admin/settingsView.js";
import type { UserStore } from "../../ports/userStore.js";
import type { UserAdmin } from "../../app/admin/userAdmin.js";
import type { ConsoleAuth } from "../auth/consoleAuth.js";
import type { DemoAccount } from "../auth/demoAccounts.js";
import type { SessionCookies } from "../auth/sessionCookie.js";

/** User administration as the admin pages use it (the implementation checks the actor again). */
export type ConsoleUserAdmin = Pick<UserAdmin, "list" | "create" | "changeRole" | "setDisabled" | "resetPassword" | "revokeSessions">;

export interface ConsoleDeps {
  readonly auth: ConsoleAuth;
  readonly queue: QueueService;
  /** Names for user ids (assignees), and the colleagues a conversation can be transferred to. */
  readonly users: Pick<UserStore, "get" | "listByOrganisation">;
  /** The quick replies as the family reads them, from the deployment's locales; without it the reply box offers none. */
  readonly quickReplies?: QuickReplyTexts;
  readonly records?: RecordService;
  readonly userAdmin?: ConsoleUserAdmin;
  readonly audit?: Pick<AuditViewer, "search">;
  readonly settings?: Pick<SettingsView, "settings" | "organisations">;
  /** True when the deployment's language model can translate transcripts (`KINLINK_LLM`). */
  readonly translation?: boolean;
  /** Shown on the login page to loopback clients; empty outside demo mode. */
  readonly demoAccounts?: readonly DemoAccount[];
  /** The session cookie, shared with the API (name, flags, read/set/clear, HTTPS or not). */
  readonly sessionCookies: SessionCookies;
  /** Codes and ids only. */
  readonly report?: (code: string, context: Readonly<Record<string, string | number>>) => void;
}
