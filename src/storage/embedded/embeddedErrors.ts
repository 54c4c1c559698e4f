/**
 * Errors of the embedded backend's files and lifecycle. Messages name the data directory (an
 * operator's path, not personal data) so that the fix is obvious.
 */
import { KinlinkError } from "../../domain/errors.js";

/** Another live process holds the data directory. */
export class StoreLockedError extends KinlinkError {
  readonly code = "STORE_LOCKED";
  constructor(dataDir: string, pid: number) {
    super(
      `the data directory ${dataDir} is in use by another kinlink process (pid ${pid}); ` +
        "stop that process, or point KINLINK_DATA_DIR at another directory (the embedded store is for one process; use MONGODB_URI to run several)",
      { dataDir, pid },
    );
  }
}

/** A journal write or fsync failed: the in-memory state may be ahead of the disk, so refuse all work. */
export class StoreFailedError extends KinlinkError {
  readonly code = "STORE_FAILED";
  constructor(dataDir: string, cause: unknown) {
    super(`the embedded store in ${dataDir} failed to write its journal; restart to recover from disk`, { dataDir }, { cause });
  }
}

export class StoreClosedError extends KinlinkError {
  readonly code = "STORE_CLOSED";
  constructor(dataDir: string) {
    super(`the embedded store in ${dataDir} is closed`, { dataDir });
  }
}

/** A snapshot is written to a temporary file and renamed, so a bad one means disk damage, not a crash. */
export class CorruptSnapshotError extends KinlinkError {
  readonly code = "STORE_SNAPSHOT_CORRUPT";
  constructor(file: string, reason: string) {
    super(`the snapshot ${file} is damaged (${reason}); restore it from a backup`, { file, reason });
  }
}

/** A query, update or option the embedded backend does not implement (and the port does not allow). */
export class UnsupportedOperationError extends KinlinkError {
  readonly code = "STORE_UNSUPPORTED_OPERATION";
  constructor(what: string) {
    super(`the embedded store does not support ${what}`, { what });
  }
}

/** Mirrors the server's refusal to change an index's options under the same name (code 85/86). */
export class IndexConflictError extends KinlinkError {
  readonly code = "STORE_INDEX_CONFLICT";
  constructor(collection: string, indexName: string) {
    super(`${collection}: an index named ${indexName} already exists with different options`, { collection, indexName });
  }
}
