#!/usr/bin/env node
/**
 * A compiled copy of src/ in dist/, so that a running kinlink does not carry tsx: its loader runs on a
 * thread of its own (another V8 heap) and keeps every transpiled module's text, some 30 MB resident
 * for as long as the server runs. `kinlink start` (and so `npm start`) compiles when the sources
 * changed; `npm run build` does it ahead of time (a read-only deployment).
 *
 * Never stale: a build lives in dist/<fingerprint>/, the hash of every file under src/ (content, not
 * dates) and of tsconfig.json, and bin/kinlink.js runs it only when the sources hash to that same
 * name; otherwise it runs them through tsx as before. A build is written to a temporary folder and
 * renamed into place, complete or not at all, so processes that start while another one compiles
 * (parallel tests) never see half of one.
 *
 * The compiler is esbuild, the one tsx runs on every file at load time, with tsx's settings (ES
 * modules, names kept, source maps), reached through tsx's own dependency: the compiled copy runs the
 * same code tsx would, and there is no dependency to add.
 *
 *   node bin/precompile.js      compile if needed; prints nothing, exit 1 with the reason on failure
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
export const DIST = join(ROOT, "dist");
/** Change it when the build below changes: every earlier build then counts as stale. */
const BUILD_FORMAT = "kinlink-dist-1";
/** Complete builds kept besides the current one (a process started from it may still be running). */
const KEEP_PREVIOUS = 1;
const COMPLETE_MARK = ".complete";

/** Every file under src/, as paths relative to it, in a fixed order. */
function sourceFiles() {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(SRC, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** The name of the build that matches the sources as they are now. */
export function fingerprint() {
  const hash = createHash("sha256").update(BUILD_FORMAT).update("\0").update(readFileSync(join(ROOT, "tsconfig.json"))).update("\0");
  for (const file of sourceFiles()) hash.update(file).update("\0").update(readFileSync(join(SRC, file))).update("\0");
  return hash.digest("hex").slice(0, 20);
}

/** The compiled `src/cli/main.ts` of the current sources, or undefined when there is no such build. */
export function compiledEntry() {
  try {
    const dir = join(DIST, fingerprint());
    return existsSync(join(dir, COMPLETE_MARK)) ? join(dir, "cli", "main.js") : undefined;
  } catch {
    return undefined;
  }
}

/** esbuild as tsx has it (tsx depends on it; this project does not, so no second copy). */
function loadEsbuild() {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"));
  return fromTsx("esbuild");
}

/** Removes older builds, keeping the newest few, and temporary folders a killed build left behind. */
function prune(current) {
  const now = Date.now();
  const builds = [];
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (name === current) continue;
    if (name.startsWith(".tmp-")) {
      if (now - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
      continue;
    }
    if (existsSync(join(path, COMPLETE_MARK))) builds.push({ path, time: statSync(join(path, COMPLETE_MARK)).mtimeMs });
  }
  builds.sort((a, b) => b.time - a.time);
  for (const old of builds.slice(KEEP_PREVIOUS)) rmSync(old.path, { recursive: true, force: true });
}

/** Compiles src/ into dist/<fingerprint>/ unless that build exists; returns its entry point. */
export async function precompile() {
  const name = fingerprint();
  const target = join(DIST, name);
  if (existsSync(join(target, COMPLETE_MARK))) return join(target, "cli", "main.js");
  const esbuild = loadEsbuild();
  mkdirSync(DIST, { recursive: true });
  const temporary = join(DIST, `.tmp-${name}-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  try {
    const files = sourceFiles();
    await esbuild.build({
      entryPoints: files.filter((file) => file.endsWith(".ts")).map((file) => join(SRC, file)),
      outbase: SRC,
      outdir: temporary,
      format: "esm",
      platform: "node",
      target: "node20.19",
      keepNames: true,
      sourcemap: "linked",
      logLevel: "silent",
    });
    // The JSON, stylesheets and browser scripts the code finds beside itself (import.meta.url).
    for (const file of files.filter((f) => !f.endsWith(".ts"))) {
      mkdirSync(dirname(join(temporary, file)), { recursive: true });
      cpSync(join(SRC, file), join(temporary, file));
    }
    // Sources edited while compiling: this build is of neither version, drop it.
    if (fingerprint() !== name) throw new Error("the sources changed while they were being compiled");
    writeFileSync(join(temporary, COMPLETE_MARK), `${new Date().toISOString()}\n`);
    try {
      renameSync(temporary, target);
    } catch (error) {
      // Another process finished the same build first: theirs is as good.
      if (!existsSync(join(target, COMPLETE_MARK))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  try {
    prune(name);
  } catch {
    // Best effort: another process may be pruning too; an old build left over costs only disk space.
  }
  return join(target, "cli", "main.js");
}

/** One line: esbuild's first error with its place, or the error's first line. */
function describe(error) {
  const first = error?.errors?.[0];
  if (first) return first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text;
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  try {
    await precompile();
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    process.exitCode = 1;
  }
}
