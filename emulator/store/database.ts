import { mkdirSync } from "node:fs";
import path from "node:path";
import type * as sqlite from "node:sqlite";

const { DatabaseSync } = loadSqlite();

/**
 * node:sqlite without its ExperimentalWarning, which would otherwise reach stderr ahead of
 * `scrums-iac emulator`'s JSON line when a caller merges the two streams.
 */
function loadSqlite(): typeof sqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(warning).includes("SQLite")) emitWarning.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return process.getBuiltinModule("node:sqlite");
  } finally {
    process.emitWarning = emitWarning;
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- Reads are served from memory (see ./records), so no index beyond the key: each would slow every write.
  DROP INDEX IF EXISTS objects_by_parent;
  DROP INDEX IF EXISTS objects_by_kind;
  DROP INDEX IF EXISTS objects_by_seq;
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS replays (
    key TEXT PRIMARY KEY,
    sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
`;

/**
 * The emulator's store: SQLite in WAL mode with every commit synced, so an acknowledged write
 * survives `kill -9`. Requests run synchronously inside one transaction each, so no two interleave.
 *
 * What mirrors the store in memory registers, with each change, how to undo it (`undoable`): a
 * rollback undoes in memory exactly what it undoes on disk.
 */
export class Database {
  private readonly db: InstanceType<typeof DatabaseSync>;
  /** Undos of the current transaction's changes to memory, oldest first. */
  private readonly undos: Array<() => void> = [];
  private readonly rollbackListeners: Array<() => void> = [];
  private readonly commitListeners: Array<() => void> = [];

  constructor(dataDir: string | null) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(dataDir ? path.join(dataDir, "scrums-emulator.db") : ":memory:");
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
    this.db.exec(SCHEMA);
  }

  /** Runs `work` in one transaction: all of its writes commit together, or none do. */
  transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.writeHeldBack();
      this.db.exec("COMMIT");
      this.undos.length = 0;
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      this.rolledBack(0);
      throw error;
    }
  }

  /** Runs `work` inside the current transaction and undoes its writes, whatever it returns or throws. */
  rehearse<T>(work: () => T): T {
    this.writeHeldBack();
    this.db.exec("SAVEPOINT rehearsal");
    const mark = this.undos.length;
    try {
      return work();
    } finally {
      this.db.exec("ROLLBACK TO rehearsal; RELEASE rehearsal");
      this.rolledBack(mark);
    }
  }

  /** Registers how to undo a change just made in memory, should the transaction roll back; outside one, a change is final. */
  undoable(undo: () => void): void {
    if (this.db.isTransaction) this.undos.push(undo);
  }

  /** Calls `listener` after every rollback, so that what caches rows forgets what was undone. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /**
   * Calls `listener` before every commit and every savepoint, so that what holds writes back in
   * memory writes them while they can still commit, and before a rollback to the savepoint forgets them.
   */
  beforeCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  private writeHeldBack(): void {
    for (const listener of this.commitListeners) listener();
  }

  private rolledBack(mark: number): void {
    while (this.undos.length > mark) this.undos.pop()!();
    for (const listener of this.rollbackListeners) listener();
  }

  prepare(sql: string) {
    return this.db.prepare(sql);
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  close(): void {
    this.db.close();
  }
}
