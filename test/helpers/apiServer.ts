/**
 * The caseworker API on a real Fastify server (127.0.0.1, ephemeral port) with a fake QueueService,
 * the real record and admin use cases, and a real embedded store for records, users and sessions: one user and one API token per role, plus a
 * disabled user's token. Records every route registered, for the coverage tests.
 */
import Fastify, { type FastifyInstance } from "fastify";
import type { Role } from "../../src/app/queue/queueService.js";
import { issueApiToken } from "../../src/console/auth/issueApiToken.js";
import { registerApi } from "../../src/console/api/registerApi.js";
import type { OpenedStore } from "../../src/storage/openStore.js";
import { AuditViewer } from "../../src/app/admin/auditViewer.js";
import { SettingsView } from "../../src/app/admin/settingsView.js";
import { DeploymentSchema } from "../../src/app/deployment.js";
import { createRecordService } from "../../src/app/records/recordUseCases.js";
import { createUserAdmin } from "../../src/app/admin/userAdminService.js";
import { argon2Passwords } from "../../src/console/auth/argon2Passwords.js";
import { createConsoleAuth } from "../../src/console/auth/consoleAuthService.js";
import { listenLocal } from "./channels/httpClient.js";
import { FakeQueueService } from "./fakeQueueService.js";
import { BACKENDS } from "./storage/backends.js";

const TEST_DEPLOYMENT = DeploymentSchema.parse({ organisation: "NGO One", organisation_id: "ngo-1", languages: ["en"], default_language: "en", help_contacts: { emergency: "112", helpline: "116 111" } });

export interface ApiServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly queue: FakeQueueService;
  readonly store: OpenedStore;
  readonly tokens: Readonly<Record<Role | "disabled", string>>;
  readonly userIds: Readonly<Record<Role | "disabled", string>>;
  readonly routes: readonly { readonly method: string; readonly url: string }[];
  readonly reports: { code: string; context: Readonly<Record<string, string | number>> }[];
  close(): Promise<void>;
}

export async function startApiServer(options: { keepAliveMs?: number } = {}): Promise<ApiServer> {
  const embedded = BACKENDS.find((backend) => backend.name === "embedded");
  if (!embedded) throw new Error("no embedded backend");
  const store = await embedded.openStore();
  const queue = new FakeQueueService();
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  for (const role of ["caseworker", "supervisor", "admin", "disabled"] as const) {
    const user = await store.users.create({ username: role, displayName: role, role: role === "disabled" ? "caseworker" : role, organisation: "ngo-1", passwordHash: "", disabled: false });
    tokens[role] = (await issueApiToken({ ...store, clock: { now: () => new Date() } }, { user, days: 1, issuedBy: "system", via: "test" })).token;
    userIds[role] = user.id;
  }
  // Disabled after its token was issued, as when someone leaves the organisation.
  await store.db.collection("users").updateOne({ username: "disabled" }, { $set: { disabled: true } });

  const app = Fastify({ logger: false });
  const routes: { method: string; url: string }[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  const reports: ApiServer["reports"] = [];
  const admin = { audit: new AuditViewer({ auditLog: store.auditLog, users: store.users }), settings: new SettingsView({ deployment: TEST_DEPLOYMENT, stores: store, capacity: 5 }) };
  const accounts = { users: store.users, sessions: store.sessions, auditLog: store.auditLog, clock: { now: () => new Date() }, passwords: argon2Passwords };
  const auth = { service: createConsoleAuth(accounts), cookies: { alwaysSecure: false } };
  await registerApi(app, { queue, records: createRecordService(store), admin, auth, userAdmin: createUserAdmin(accounts), stores: store, report: (code, context) => reports.push({ code, context }), keepAliveMs: options.keepAliveMs ?? 50 });
  const url = await listenLocal(app);
  return {
    url,
    app,
    queue,
    store,
    tokens: tokens as ApiServer["tokens"],
    userIds: userIds as ApiServer["userIds"],
    routes,
    reports,
    async close() {
      await app.close();
      await store.cleanup();
    },
  };
}
