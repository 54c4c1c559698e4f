#!/usr/bin/env node
// The `kinlink` command. The sources are TypeScript; tsx compiles them on load (no build step to forget).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
