#!/usr/bin/env node
// The `kinlink` command. The sources are TypeScript, and there is no build step to forget:
// - when dist/ holds a compiled copy of exactly the sources as they are (bin/precompile.js), it runs
//   that: no tsx loader thread, some 30 MB less resident memory for as long as a server runs;
// - `kinlink start` (so `npm start`) first compiles one when the sources changed, in a child process
//   so that the server never loads the compiler;
// - otherwise, or when compiling fails, tsx compiles the sources as they load, as it always did.
// KINLINK_TSX=1 runs the sources through tsx even when a compiled copy is up to date.
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledEntry } from "./precompile.js";

const argv = process.argv.slice(2);

/** Compiles the sources into dist/ and returns the build's entry point, or undefined (and says why) on failure. */
function compileBeforeStart() {
  const script = fileURLToPath(new URL("./precompile.js", import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: 120_000 });
  if (result.status === 0) {
    const entry = compiledEntry();
    if (entry) return entry;
  }
  const reason = (result.stderr || result.error?.message || "the sources changed while they were being compiled").trim();
  process.stderr.write(`kinlink: running the TypeScript sources through tsx; they could not be compiled into dist/ (${reason})\n`);
  return undefined;
}

const forceTsx = process.env["KINLINK_TSX"] === "1";
let entry = forceTsx ? undefined : compiledEntry();
if (entry === undefined && !forceTsx && argv[0] === "start") entry = compileBeforeStart();

let main;
if (entry !== undefined) {
  // Error stacks name the .ts files and lines, as they do under tsx (no measurable memory cost).
  process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(entry).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(argv);
