/**
 * Run as a separate process by the lock test: tries to open the embedded store in argv[2] and
 * reports the outcome on stdout as JSON.
 */
import { EmbeddedDatabase } from "../../../src/storage/embedded/embeddedDatabase.js";

const dataDir = process.argv[2] ?? "";
try {
  const db = await EmbeddedDatabase.open({ dataDir, clock: { now: () => new Date() }, ttlSweepIntervalMs: 0 });
  await db.close();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  process.stdout.write(JSON.stringify({ ok: false, code, message: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
}
