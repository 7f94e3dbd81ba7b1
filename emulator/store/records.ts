import type { Database } from "./database";

/** The kinds of record the emulator keeps. Members are keyed `<parent>/<user_id>`. */
export type Kind =
  | "user"
  | "token"
  | "organization"
  | "org_member"
  | "workspace"
  | "ws_member"
  | "domain"
  | "integration"
  | "scim_log"
  | "setting"
  | "index";

export interface Stored<T> {
  id: string;
  parent: string | null;
  seq: number;
  version: number;
  body: T;
}

export interface Page<T> {
  items: Stored<T>[];
  /** The `seq` to continue after, or null when there is nothing more. */
  next: number | null;
}

/** A row as node:sqlite returns it with `setReturnArrays`: no object with named keys made per row. */
type Row = [id: string, parent: string | null, seq: number, version: number, body: string];

const COLUMNS = "id, parent, seq, version, body";

const fromRow = <T>(row: Row, body: T = JSON.parse(row[4]) as T): Stored<T> => ({
  id: row[0],
  parent: row[1],
  seq: row[2],
  version: row[3],
  body,
});

/** One JSON.parse for a whole page's bodies: much cheaper than one per row. */
const bodiesOf = (rows: Row[]): unknown[] =>
  rows.length === 0 ? [] : (JSON.parse(`[${rows.map((row) => row[4]).join(",")}]`) as unknown[]);

/**
 * Typed access to the objects table. Listing walks `seq`, which only grows, so a cursor neither
 * skips nor repeats an object however many are inserted during the walk.
 *
 * Counters (`seq`, ids) are issued from memory and written once per transaction, just before it
 * commits, so a request that issues several numbers writes each counter once; a rollback forgets them.
 */
export class Records {
  private readonly statements;
  /** Page queries by parent-or-not and size: SQLite runs a literal LIMIT several times faster than a bound one. */
  private readonly pageStatements = new Map<string, ReturnType<Database["prepare"]>>();
  /** The last value issued per counter, as far as this process knows it. */
  private readonly counters = new Map<string, number>();
  /** Counters issued in the current transaction and not yet written. */
  private readonly unsavedCounters = new Set<string>();

  constructor(private readonly db: Database) {
    this.statements = {
      get: db.prepare(`SELECT ${COLUMNS} FROM objects WHERE kind = ? AND id = ?`),
      insert: db.prepare("INSERT INTO objects (kind, id, parent, seq, version, body) VALUES (?, ?, ?, ?, 1, ?)"),
      update: db.prepare("UPDATE objects SET body = ?, version = version + 1 WHERE kind = ? AND id = ?"),
      remove: db.prepare("DELETE FROM objects WHERE kind = ? AND id = ?"),
      counter: db.prepare("SELECT value FROM counters WHERE name = ?"),
      saveCounter: db.prepare(
        "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      ),
    };
    this.statements.get.setReturnArrays(true);
    this.statements.counter.setReturnArrays(true);
    db.beforeCommit(() => this.saveCounters());
    db.onRollback(() => {
      this.counters.clear();
      this.unsavedCounters.clear();
    });
  }

  get<T>(kind: Kind, id: string): Stored<T> | null {
    const row = this.statements.get.get(kind, id) as Row | undefined;
    return row ? fromRow<T>(row) : null;
  }

  insert<T>(kind: Kind, id: string, parent: string | null, body: T): Stored<T> {
    const seq = this.nextCounter("seq");
    this.statements.insert.run(kind, id, parent, seq, JSON.stringify(body));
    return { id, parent, seq, version: 1, body };
  }

  update<T>(kind: Kind, id: string, body: T): void {
    this.statements.update.run(JSON.stringify(body), kind, id);
  }

  remove(kind: Kind, id: string): void {
    this.statements.remove.run(kind, id);
  }

  /** Up to `limit` records after `after`, of one parent (or of all when parent is undefined). */
  page<T>(kind: Kind, parent: string | undefined, after: number, limit: number): Page<T> {
    const statement = this.pageStatement(parent !== undefined, limit + 1);
    const rows = (parent === undefined
      ? statement.all(kind, after)
      : statement.all(kind, parent, after)) as unknown as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const bodies = bodiesOf(rows);
    const items = rows.map((row, i) => fromRow<T>(row, bodies[i] as T));
    return { items, next: more ? items[items.length - 1]!.seq : null };
  }

  private pageStatement(byParent: boolean, rows: number) {
    if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`a page holds a whole number of rows, not ${rows}`);
    const key = `${byParent}:${rows}`;
    let statement = this.pageStatements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT ${COLUMNS} FROM objects WHERE kind = ?${byParent ? " AND parent = ?" : ""} AND seq > ? ORDER BY seq LIMIT ${rows}`,
      );
      statement.setReturnArrays(true);
      this.pageStatements.set(key, statement);
    }
    return statement;
  }

  /** Like `page`, keeping only the records `keep` accepts. */
  pageWhere<T>(
    kind: Kind,
    parent: string | undefined,
    after: number,
    limit: number,
    keep: (record: Stored<T>) => boolean,
  ): Page<T> {
    const items: Stored<T>[] = [];
    for (const record of this.all<T>(kind, parent, after)) {
      if (!keep(record)) continue;
      if (items.length === limit) return { items, next: items[items.length - 1]!.seq };
      items.push(record);
    }
    return { items, next: null };
  }

  /** Every record of a kind under one parent (or all), in insertion order. */
  *all<T>(kind: Kind, parent?: string, after = 0): Generator<Stored<T>> {
    for (;;) {
      const page = this.page<T>(kind, parent, after, 500);
      yield* page.items;
      if (page.next === null) return;
      after = page.next;
    }
  }

  /** The next value of a named counter, starting at 1. */
  nextCounter(name: string): number {
    let last = this.counters.get(name);
    if (last === undefined) last = (this.statements.counter.get(name) as [number] | undefined)?.[0] ?? 0;
    const value = last + 1;
    this.counters.set(name, value);
    this.unsavedCounters.add(name);
    if (!this.db.inTransaction) this.saveCounters();
    return value;
  }

  private saveCounters(): void {
    for (const name of this.unsavedCounters) this.statements.saveCounter.run(name, this.counters.get(name)!);
    this.unsavedCounters.clear();
  }
}
