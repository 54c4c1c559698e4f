/**
 * The layering rules (ARCHITECTURE.md): dependencies point inward.
 *   cli, console, channels  ->  app  ->  dialog, i18n, risk, tracing, llm  ->  domain
 *   storage and channels implement ports; only the entry points (cli/, main.ts) read config and wire adapters.
 * `npm test` runs this; a violation fails the build with the rule's name and the offending import.
 */
const inner = "^src/(domain|dialog|i18n|risk|tracing|llm)/";
const outer = "^src/(app|ports|storage|channels|console|cli|config|main\\.ts)";

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "domain-is-innermost",
      comment: "domain/ holds plain types and pure rules; it imports no other layer.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/(?!domain/)" },
    },
    {
      name: "core-points-inward",
      comment: "dialog, i18n, risk and tracing may use domain and each other, never app, ports or adapters.",
      severity: "error",
      from: { path: inner },
      to: { path: outer },
    },
    {
      name: "pure-core-has-no-io",
      comment: "The engine and the domain are pure: no file system, network, processes or timers of their own.",
      severity: "error",
      from: { path: "^src/(domain|dialog/engine|dialog/answers|risk/rules|tracing/(normalise|phonetic))" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "app-uses-ports-not-adapters",
      comment: "Use cases depend on ports; adapters are wired in by the entry points.",
      severity: "error",
      from: { path: "^src/(app|ports)/" },
      to: { path: "^src/(storage|channels|console|cli|config|main\\.ts)" },
    },
    {
      name: "adapters-stay-apart",
      comment: "storage and channels implement ports; they do not call use cases, each other, or the entry points.",
      severity: "error",
      from: { path: "^src/(storage|channels)/" },
      to: { path: "^src/(app|console|cli|config|main\\.ts)" },
    },
    {
      name: "only-entry-points-read-config",
      severity: "error",
      from: { path: "^src/(?!cli/|config/|main\\.ts)" },
      to: { path: "^src/config/" },
    },
    { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
    {
      name: "no-dev-deps-in-src",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
