/**
 * The `kinlink` command. Each subcommand is a small function; this file only parses arguments and
 * dispatches. Exit codes: 0 ok, 1 a check or test failed, 2 a usage or configuration error.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// Each subcommand's module is imported when that subcommand runs, not before: a server started with
// `kinlink start` then never loads what only `chat`, `users` or `telegram` need (grammy, the
// translation exchange formats...), and stays that much smaller in memory for as long as it runs.

const USAGE = `kinlink — child-protection intake and family tracing in chat

Usage:
  kinlink start                         run the server: channels and the browser playground
  kinlink chat --dialog ID [--lang en] [--as child|adult] [--record FILE] [--quiet]
                                        play a dialog in the terminal
  kinlink dialogs check [--dialogs DIR] [--locales DIR] [FILE...]
                                        check dialogs and locales before they go live
  kinlink dialogs test [--update] [FILE...]
                                        play golden conversations (test/dialogs/*.json)
  kinlink locales export --lang LANG [--format xliff|csv] [--out FILE]
  kinlink locales import FILE [--dry-run]
                                        round-trip a language with translators
  kinlink risk [--eval FILE...] [--verbose] < messages.jsonl
                                        triage JSONL {"id","lang","text"} as the bot does
  kinlink telegram set-webhook [--url URL] | webhook-info
                                        register the Telegram webhook with its secret
  kinlink users add --username U --role caseworker|supervisor|admin [--org ORG] [--name NAME] [--password-stdin]
  kinlink users token --username U      create a console user / issue an API token (server stopped)
  kinlink users passwd --username U --password-stdin
                                        set a password read from standard input (server stopped)
  kinlink queue [--limit N] [--url URL] [--token TOKEN]
                                        the caseworker queue, through the API (KINLINK_URL, KINLINK_TOKEN)
  kinlink bench [--json] [--only load,memory,queue] [--families N] [--duration S]
                                        the benchmark (same as npm run bench)
  kinlink help                          this text
`;

const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** The project folder: the nearest one above this file with a package.json, whether this runs from src/ or from a compiled copy in dist/<build>/. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return `${dir}${sep}`;
}

async function run(argv: readonly string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out(USAGE);
      return 0;
    case "start":
      return (await import("./start.js")).start(out);
    case "chat": {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { dialog: { type: "string", default: "intake" }, lang: { type: "string" }, as: { type: "string" }, record: { type: "string" }, quiet: { type: "boolean", default: false } },
      });
      const { chat } = await import("./chat.js");
      const { loadProject } = await import("./project.js");
      const { content } = loadProject();
      const audience = values.as === "child" || values.as === "adult" ? values.as : undefined;
      if (values.as !== undefined && !audience) {
        out('--as is "child" or "adult"');
        return 2;
      }
      return chat(content, { dialog: values.dialog, lang: values.lang ?? content.deployment.default_language, audience, record: values.record, showEvents: !values.quiet });
    }
    case "dialogs": {
      if (sub === "check") {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { dialogs: { type: "string" }, locales: { type: "string" }, quiet: { type: "boolean", default: false } } });
        const { dialogsCheck } = await import("./dialogsCheck.js");
        return dialogsCheck({ dialogsDir: values.dialogs, localesDir: values.locales, files: positionals, quiet: values.quiet }, out);
      }
      if (sub === "test") {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { update: { type: "boolean", default: false } } });
        const { dialogsTest } = await import("./dialogsTest.js");
        return dialogsTest(positionals, values.update || process.env["UPDATE_GOLDEN"] === "1", out);
      }
      out(USAGE);
      return 2;
    }
    case "bench": {
      // The benchmark lives beside the sources (bench/), run as its own process like `npm run bench`.
      const root = projectRoot();
      const child = spawnSync(process.execPath, ["--import", "tsx", `${root}bench/run.ts`, ...argv.slice(1)], { stdio: "inherit", cwd: root });
      return child.status ?? 1;
    }
    case "locales":
      return (await import("./locales.js")).localesCommand(argv.slice(1), out);
    case "risk":
      return (await import("./risk.js")).riskCommand(argv.slice(1), process.stdin, out);
    case "telegram": {
      const env = process.env;
      const publicUrl = env["KINLINK_PUBLIC_URL"];
      const { telegramCommand } = await import("./telegram.js");
      return telegramCommand(
        argv.slice(1),
        {
          token: env["TELEGRAM_BOT_TOKEN"],
          apiRoot: env["TELEGRAM_API_ROOT"],
          secret: env["TELEGRAM_WEBHOOK_SECRET"],
          url: publicUrl ? `${publicUrl.replace(/\/$/, "")}/webhooks/telegram` : undefined,
        },
        out,
      );
    }
    case "users":
      return (await import("./users.js")).usersCommand(argv.slice(1), out, process.env);
    case "queue":
      return (await import("./queue.js")).queueCommand(argv.slice(1), out, { env: process.env });
    default:
      out(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    // Configuration and usage errors carry no personal data; print the message, not a stack.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kinlink: ${message}\n`);
    return 2;
  }
}
