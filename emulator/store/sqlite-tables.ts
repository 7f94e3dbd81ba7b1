import { mkdirSync } from "node:fs";
import path from "node:path";
import type * as sqlite from "node:sqlite";
import type { Kind } from "./records";
import type { ObjectRow, ReplayRow, Tables } from "./tables";

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
    // Node.js before 22.13 answers undefined (before 20.16 it has no getBuiltinModule).
    const module = process.getBuiltinModule?.("node:sqlite") as typeof sqlite | undefined;
    if (!module) {
      throw new Error(
        `the emulator needs node:sqlite, which Node.js has from version 22.13; this is ${process.version}`,
      );
    }
    return module;
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
  -- Reads are served from memory, so no index beyond the key: each would slow every write.
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
 * The tables in `scrums-emulator.db` of a data directory, in WAL mode. A commit has reached the
 * operating system when the request is answered, so an acknowledged write survives `kill -9` of the
 * emulator; the WAL is synced to disk at checkpoints, not at every commit (which cost a POST 1.6 ms),
 * so only a crash of the machine itself can lose the last writes.
 */
export class SqliteTables implements Tables {
  private readonly db: InstanceType<typeof DatabaseSync>;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(path.join(dataDir, "scrums-emulator.db"));
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
    this.db.exec(SCHEMA);
    this.statements = {
      objects: this.db.prepare("SELECT kind, id, parent, seq, version, body FROM objects"),
      insert: this.db.prepare("INSERT INTO objects (kind, id, parent, seq, version, body) VALUES (?, ?, ?, ?, 1, ?)"),
      update: this.db.prepare("UPDATE objects SET body = ?, version = ? WHERE kind = ? AND id = ?"),
      remove: this.db.prepare("DELETE FROM objects WHERE kind = ? AND id = ?"),
      counter: this.db.prepare("SELECT value FROM counters WHERE name = ?"),
      saveCounter: this.db.prepare(
        "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      ),
      replay: this.db.prepare("SELECT sealed, created_at FROM replays WHERE key = ?"),
      saveReplay: this.db.prepare("INSERT OR REPLACE INTO replays (key, sealed, created_at) VALUES (?, ?, ?)"),
    };
    this.statements.objects.setReturnArrays(true);
    this.statements.counter.setReturnArrays(true);
  }

  objectRows(): ObjectRow[] {
    return this.statements.objects.all() as unknown as ObjectRow[];
  }

  insertObject(kind: Kind, id: string, parent: string | null, seq: number, body: unknown): void {
    this.statements.insert.run(kind, id, parent, seq, JSON.stringify(body));
  }

  updateObject(kind: Kind, id: string, version: number, body: unknown): void {
    this.statements.update.run(JSON.stringify(body), version, kind, id);
  }

  removeObject(kind: Kind, id: string): void {
    this.statements.remove.run(kind, id);
  }

  removeObjectsBut(keep: Array<[Kind, string]>): void {
    const placeholders = keep.map(() => "(?, ?)").join(", ");
    this.db.prepare(`DELETE FROM objects WHERE (kind, id) NOT IN (VALUES ${placeholders})`).run(...keep.flat());
  }

  counter(name: string): number | undefined {
    return (this.statements.counter.get(name) as [number] | undefined)?.[0];
  }

  saveCounter(name: string, value: number): void {
    this.statements.saveCounter.run(name, value);
  }

  replay(key: string): ReplayRow | undefined {
    return this.statements.replay.get(key) as ReplayRow | undefined;
  }

  saveReplay(key: string, row: ReplayRow): void {
    this.statements.saveReplay.run(key, row.sealed, row.created_at);
  }

  removeReplays(): void {
    this.db.exec("DELETE FROM replays");
  }

  begin(): void {
    this.db.exec("BEGIN IMMEDIATE");
  }

  commit(): void {
    this.db.exec("COMMIT");
  }

  rollback(): void {
    this.db.exec("ROLLBACK");
  }

  savepoint(): void {
    this.db.exec("SAVEPOINT rehearsal");
  }

  rollbackToSavepoint(): void {
    this.db.exec("ROLLBACK TO rehearsal; RELEASE rehearsal");
  }

  close(): void {
    this.db.close();
  }
}
