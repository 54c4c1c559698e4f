/**
 * The composition root: the only file that wires every layer. Reads configuration, opens the store,
 * loads and checks the dialogs, builds the message pipeline and the HTTP server with every enabled
 * channel, and returns a handle to stop it all. `kinlink start` calls it; so do the end-to-end tests.
 */
import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import formBody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { pino, type Logger } from "pino";
import { dialogFilesIn, loadContent, type Content } from "./app/content.js";
import { ConversationWorker } from "./app/inbound/conversationWorker.js";
import { LiveBus } from "./app/queue/liveBus.js";
import { createQueueService } from "./app/queue/queueUseCases.js";
import { quickReplyTexts } from "./app/queue/quickReplies.js";
import { AuditViewer } from "./app/admin/auditViewer.js";
import { SettingsView } from "./app/admin/settingsView.js";
import { createRecordService } from "./app/records/recordUseCases.js";
import type { RecordService } from "./app/records/recordService.js";
import type { QueueService } from "./app/queue/queueService.js";
import { Receiver } from "./app/inbound/receiver.js";
import { startSweeper } from "./app/inbound/sweeper.js";
import type { PipelineDeps } from "./app/pipelineDeps.js";
import { playgroundRoutes } from "./channels/web/playgroundRoutes.js";
import { registerApi } from "./console/api/registerApi.js";
import { registerConsole } from "./console/web/registerConsole.js";
import { createUserAdmin } from "./app/admin/userAdminService.js";
import type { UserAdmin } from "./app/admin/userAdmin.js";
import { argon2Passwords } from "./console/auth/argon2Passwords.js";
import type { ConsoleAuth } from "./console/auth/consoleAuth.js";
import { createConsoleAuth } from "./console/auth/consoleAuthService.js";
import { demoAccountsWanted, ensureDemoAccounts, type DemoAccount } from "./console/auth/demoAccounts.js";
import { sessionCookies, type SessionCookies } from "./console/auth/sessionCookie.js";
import { loadAuthConfig } from "./config/authConfig.js";
import { WebMailbox } from "./channels/web/webMailbox.js";
import { readConfig, readDeployment, type Config } from "./config/config.js";
import { loadServerConfig, type LlmConfig, type ServerConfig } from "./config/serverConfig.js";
import { loadStorageConfig, type StorageConfig } from "./config/storageConfig.js";
import { formatProblem } from "./dialog/load/problem.js";
import { suggestLanguage } from "./i18n/languageHint.js";
import type { Channel } from "./domain/channel.js";
import type { ChannelSender } from "./ports/channelPort.js";
import type { Clock } from "./ports/clock.js";
import type { Classifier } from "./risk/classifier.js";
import type { TextTranslator } from "./llm/llmTranslator.js";
import { openStore, type OpenedStore } from "./storage/openStore.js";

export interface Kinlink {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: OpenedStore;
  readonly content: Content;
  readonly worker: ConversationWorker;
  readonly mailbox: WebMailbox;
  /** The caseworker queue's use cases (the JSON API and the console use them). */
  readonly queue: QueueService;
  /** Cases and tracing requests for caseworkers (the API and the console pages use them). */
  readonly records: RecordService;
  /** The organisation's audit log, for supervisors and admins. */
  readonly audit: AuditViewer;
  /** Deployment settings and the organisation summary, for admins. */
  readonly settings: SettingsView;
  /** Console sign-in: login, the session behind a cookie, CSRF checks, the person's own credentials. */
  readonly auth: ConsoleAuth;
  /** The session cookie (name, flags, read/set/clear) as the API uses it, for the console pages. */
  readonly sessionCookies: SessionCookies;
  /** User administration for admins (the API and the admin pages). */
  readonly userAdmin: UserAdmin;
  /** Demo accounts with their passwords, on demo defaults only (else empty): show them to loopback clients only. */
  readonly demoAccounts: readonly DemoAccount[];
  /**
   * Settles with an error code once the store can take no more writes (the embedded journal failed:
   * a full disk, an I/O error). Webhooks then answer 503 and /healthz too; the host closes this
   * instance and starts another, which recovers from what is on disk (`kinlink start` does).
   */
  readonly storeFailed: Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How often the sweeper looks for work nobody is doing (crash recovery, retries). */
  readonly sweepIntervalMs?: number;
}

export class StartupError extends Error {
  readonly code = "STARTUP_FAILED";
}

/**
 * Imports the code of an optional feature (a channel, the language model) once the configuration
 * turns it on, and not before: each pulls in a large library (grammy, @botpress/client, LangChain:
 * 15 to 40 MB resident each) that a deployment without it should not carry. A failure names the
 * feature and the settings that asked for it.
 */
async function loadFeature<T>(feature: string, settings: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`${feature} is configured (${settings}) but its code could not be loaded: ${reason}. Reinstall the dependencies (npm ci), or unset ${settings}.`, { cause: error });
  }
}

/**
 * Imports modules one after another. Not Promise.all: Jest's ES module support, which the tests run
 * on, fails concurrent imports that share a dependency ("request for … is not in cache").
 */
async function sequentially<T extends readonly unknown[]>(...imports: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const modules: unknown[] = [];
  for (const load of imports) modules.push(await load());
  return modules as unknown as T;
}

/** The optional language model, for risk triage and for translating in the console. */
async function loadLlm(config: LlmConfig): Promise<{ classifier: Classifier; translator: TextTranslator }> {
  const [{ createLlmClassifier }, { createLlmTranslator }] = await loadFeature("The language model", "KINLINK_LLM", () =>
    sequentially(() => import("./risk/llm/llmClassifier.js"), () => import("./llm/llmTranslator.js")),
  );
  const options = { model: config.model, baseUrl: config.baseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs };
  return { classifier: createLlmClassifier(options), translator: createLlmTranslator(options) };
}

function loadCheckedContent(config: Config): Content {
  const deployment = readDeployment(config.deploymentFile);
  const content = loadContent({ root: config.root, dialogFiles: dialogFilesIn(config.dialogsDir), localesDir: config.localesDir }, deployment);
  const errors = content.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new StartupError(`the dialogs or locales have ${errors.length} problems:\n${errors.map(formatProblem).join("\n")}`);
  return content;
}

async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        // 'self': the console shows the playground in a frame; other sites still cannot frame us.
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
}

/**
 * Turns on the channels whose settings are present: their webhook routes on the server and their
 * senders in the pipeline. Returns a function that stops background work (Telegram polling).
 */
async function registerChannels(
  app: FastifyInstance,
  config: ServerConfig,
  sink: Receiver,
  senders: Map<Channel, ChannelSender>,
  logger: Logger,
  clock: Clock,
  alerters: ((code: string, context: Readonly<Record<string, string | number>>) => Promise<unknown>)[],
): Promise<() => Promise<void>> {
  const onNotice = (notice: { channel: string; kind: string; reason: string }): void => logger.info(notice, "webhook");
  const stops: (() => Promise<void>)[] = [];
  if (config.telegram) {
    const { token, apiRoot, webhookSecret, mode } = config.telegram;
    const [{ createTelegramApi }, { TelegramSender }, { startTelegramPolling }, { telegramWebhook }] = await loadFeature("The Telegram channel", "TELEGRAM_BOT_TOKEN", () =>
      sequentially(
        () => import("./channels/telegram/telegramApi.js"),
        () => import("./channels/telegram/telegramSender.js"),
        () => import("./channels/telegram/telegramPolling.js"),
        () => import("./channels/telegram/telegramWebhook.js"),
      ),
    );
    const sender = new TelegramSender({ api: createTelegramApi({ token, apiRoot }) });
    senders.set("telegram", sender);
    const group = config.telegram.alertChatId;
    if (group) {
      // Ids, level and delay only: a group chat is no place for a child's details.
      alerters.push((code, context) =>
        sender.deliver(group, { text: `kinlink ${code}: ${Object.entries(context).map(([k, v]) => `${k}=${v}`).join(" ")}`, choices: [], multiple: false, urgent: false, lang: "en", direction: "ltr" }),
      );
    }
    const answerCallbackQuery = (id: string): Promise<unknown> => sender.answerCallbackQuery(id);
    if (mode === "polling") {
      const polling = startTelegramPolling({ token, apiRoot, sink, clock, answerCallbackQuery, onNotice });
      stops.push(() => polling.stop());
    } else await app.register(telegramWebhook({ secretToken: webhookSecret, sink, clock, answerCallbackQuery, onNotice }));
  }
  if (config.whatsapp) {
    const { accessToken, phoneNumberId, graphUrl, appSecret, verifyToken, reopenTemplate } = config.whatsapp;
    const [{ WhatsAppSender }, { whatsappWebhook }] = await loadFeature("The WhatsApp channel", "WHATSAPP_ACCESS_TOKEN", () =>
      sequentially(() => import("./channels/whatsapp/whatsappSender.js"), () => import("./channels/whatsapp/whatsappWebhook.js")),
    );
    senders.set("whatsapp", new WhatsAppSender({ accessToken, phoneNumberId, graphUrl, reopenTemplate }));
    await app.register(whatsappWebhook({ appSecret, verifyToken, sink, phoneNumberId, onNotice }));
  }
  if (config.botpress) {
    const { apiUrl, token, botId, webhookSecret } = config.botpress;
    const [{ BotpressSender }, { botpressWebhook }] = await loadFeature("The Botpress channel", "BOTPRESS_TOKEN", () =>
      sequentially(() => import("./channels/botpress/botpressSender.js"), () => import("./channels/botpress/botpressWebhook.js")),
    );
    const sender = new BotpressSender({ apiUrl, token, botId });
    senders.set("botpress", sender);
    await app.register(botpressWebhook({ secret: webhookSecret, sink, collector: sender.collector, now: () => clock.now() }));
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}

/** The demo accounts on demo defaults (see demoAccounts.ts), in the deployment's organisation; none elsewhere. */
async function demoAccountsFor(config: Config, storage: StorageConfig, store: OpenedStore, deployment: Content["deployment"]): Promise<readonly DemoAccount[]> {
  const wanted = demoAccountsWanted({ nodeEnv: config.env, storeKind: storage.store.kind, deploymentDemo: deployment.demo });
  if (!wanted || storage.store.kind !== "embedded") return [];
  return ensureDemoAccounts({ users: store.users, passwords: argon2Passwords, auditLog: store.auditLog, dataDir: storage.store.dataDir, organisation: deployment.organisation_id });
}

function buildLogger(options: StartOptions): Logger {
  // Events carry codes and ids only; redact stays as a second line of defence.
  return options.logger ?? pino({ level: options.env["LOG_LEVEL"] ?? "info", redact: ["text", "input", "content", "channelUserId", "phone", "*.text"] });
}

export async function startKinlink(options: StartOptions): Promise<Kinlink> {
  const config = readConfig(options.env, options.cwd);
  const server: ServerConfig = loadServerConfig(options.env);
  const storage = loadStorageConfig(options.env);
  const content = loadCheckedContent(config);
  const logger = buildLogger(options);
  const clock: Clock = options.clock ?? { now: () => new Date() };
  // Loaded only when asked for (it is large, and off by default), and before the store opens, so that
  // a model client that cannot be loaded leaves nothing open behind it.
  const model = server.llm ? await loadLlm(server.llm) : undefined;
  let storeFailure: string | undefined;
  let reportStoreFailure: (code: string) => void = () => undefined;
  const storeFailed = new Promise<string>((resolve) => (reportStoreFailure = resolve));
  const onStoreEvent = (event: string, context: Readonly<Record<string, number | string>>): void => {
    if (event !== "store_failed") return void logger.warn({ event, ...context }, "store");
    logger.error({ event, ...context }, "store failed: refusing messages until restarted");
    storeFailure ??= String(context["code"] ?? "unknown");
    reportStoreFailure(storeFailure);
  };
  const store = await openStore({ ...storage.store, hashSecret: storage.hashSecret, clock, onEvent: onStoreEvent });
  const mailbox = new WebMailbox();
  const senders = new Map<Channel, ChannelSender>([["web", mailbox]]);
  const live = new LiveBus();
  /** Extra places supervisor alerts go (a Telegram caseworkers' group), added by the channels. */
  const alerters: ((code: string, context: Readonly<Record<string, string | number>>) => Promise<unknown>)[] = [];
  const llm = model?.classifier;
  const deps: PipelineDeps = {
    live,
    ...(llm ? { llm } : {}),
    content,
    stores: store,
    senders,
    clock,
    instanceId: server.instanceId ?? randomUUID(),
    soleInstance: store.db.exclusive === true,
    report: (code, context) => logger.warn({ code, ...context }, "pipeline"),
    alert: async (code, context) => {
      logger.error({ code, ...context }, "supervisor alert");
      for (const notify of alerters) await notify(code, context).catch(() => undefined);
    },
    suggestLanguage: (hints, text, offered) =>
      suggestLanguage({ telegramLanguageCode: hints.languageCode, whatsappPhone: hints.phone, text: text?.startsWith("/") ? undefined : text }, offered),
  };
  const worker = new ConversationWorker(deps);
  const receiver = new Receiver(deps, worker);
  const translator = model?.translator;
  const queue = createQueueService({ ...deps, worker, live, capacity: server.caseworkerCapacity, ...(translator ? { translator } : {}) });
  const records = createRecordService(store);
  const audit = new AuditViewer({ auditLog: store.auditLog, users: store.users });
  const settings = new SettingsView({ deployment: content.deployment, stores: store, capacity: server.caseworkerCapacity });
  const authConfig = loadAuthConfig(options.env);
  const accounts = { users: store.users, sessions: store.sessions, auditLog: store.auditLog, clock, passwords: argon2Passwords };
  const auth = createConsoleAuth({ ...accounts, totpIssuer: `kinlink ${content.deployment.organisation}` });
  const userAdmin = createUserAdmin(accounts);
  const cookiePolicy = { alwaysSecure: authConfig.alwaysSecureCookies };
  // Behind a reverse proxy, KINLINK_TRUST_PROXY=1 makes client addresses come from X-Forwarded-For;
  // without one, trusting that header would let anyone pick the address the rate limit counts.
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, trustProxy: server.trustProxy });
  try {
    await securityHeaders(app);
    await app.register(fastifyCookie);
    await app.register(formBody);
    const demoAccounts = await demoAccountsFor(config, storage, store, content.deployment);
    // Per address, for the playground and the API. Channel webhooks are exempt: they are signed, and
    // Telegram and Meta deliver every family's messages from a handful of addresses.
    await app.register(rateLimit, { max: 600, timeWindow: "1 minute", allowList: (request) => request.url.startsWith("/webhooks/") });
    // First: its default-deny guard must see every /api/ route registered after it.
    await registerApi(app, { queue, records, admin: { audit, settings }, auth: { service: auth, cookies: cookiePolicy, loginPerMinute: authConfig.loginPerMinute }, userAdmin, stores: store, report: (code, context) => logger[code === "API_ERROR" ? "error" : "info"]({ code, ...context }, "api") });
    // Its default-deny page guard, like the API's, must see every /console route registered after it.
    await registerConsole(app, { auth, sessionCookies: sessionCookies(cookiePolicy), queue, users: store.users, quickReplies: quickReplyTexts(content.translator), translation: translator !== undefined, records, userAdmin, audit, settings, demoAccounts, report: (code, context) => logger[code === "PAGE_ERROR" ? "error" : "info"]({ code, ...context }, "console") });
    // A supervisor or load balancer watches this: 503 once the store failed (see storeFailed).
    app.get("/healthz", async (_request, reply) =>
      storeFailure === undefined ? { status: "ok", store: store.backend } : reply.code(503).send({ status: "failed", store: store.backend, code: "STORE_FAILED" }),
    );
    const languages = content.languages.map((code) => ({
      code,
      name: content.translator.render("common:language.name", code),
      direction: content.translator.isRtl(code) ? ("rtl" as const) : ("ltr" as const),
    }));
    await app.register(playgroundRoutes, { sink: receiver, mailbox, languages, now: () => clock.now() });
    const stopChannels = await registerChannels(app, server, receiver, senders, logger, clock, alerters);
    const stopSweeper = startSweeper(deps, worker, options.sweepIntervalMs ?? 2_000);
    const address = await app.listen({ host: server.host, port: server.port });
    logger.info({ address, store: store.backend, channels: [...senders.keys()] }, "kinlink started");
    return {
      url: address,
      app,
      store,
      content,
      worker,
      mailbox,
      queue,
      records,
      audit,
      settings,
      auth,
      sessionCookies: sessionCookies(cookiePolicy),
      userAdmin,
      demoAccounts,
      storeFailed,
      async close() {
        stopSweeper();
        await stopChannels();
        await app.close();
        await worker.idle();
        await store.close();
      },
    };
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
}
