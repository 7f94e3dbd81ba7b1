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

interface Row {
  id: string;
  parent: string | null;
  seq: number;
  version: number;
  body: string;
}

const fromRow = <T>(row: Row): Stored<T> => ({ ...row, body: JSON.parse(row.body) as T });

/**
 * Typed access to the objects table. Listing walks `seq`, which only grows, so a cursor neither
 * skips nor repeats an object however many are inserted during the walk.
 */
export class Records {
  private readonly statements;
  /** Page queries by parent-or-not and size: SQLite runs a literal LIMIT several times faster than a bound one. */
  private readonly pageStatements = new Map<string, ReturnType<Database["prepare"]>>();

  constructor(private readonly db: Database) {
    this.statements = {
      get: db.prepare("SELECT id, parent, seq, version, body FROM objects WHERE kind = ? AND id = ?"),
      insert: db.prepare("INSERT INTO objects (kind, id, parent, seq, version, body) VALUES (?, ?, ?, ?, 1, ?)"),
      update: db.prepare("UPDATE objects SET body = ?, version = version + 1 WHERE kind = ? AND id = ?"),
      remove: db.prepare("DELETE FROM objects WHERE kind = ? AND id = ?"),
      nextCounter: db.prepare(
        "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
      ),
    };
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
    const items = rows.slice(0, limit).map((row) => fromRow<T>(row));
    return { items, next: rows.length > limit ? items[items.length - 1]!.seq : null };
  }

  private pageStatement(byParent: boolean, rows: number) {
    if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`a page holds a whole number of rows, not ${rows}`);
    const key = `${byParent}:${rows}`;
    let statement = this.pageStatements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT id, parent, seq, version, body FROM objects WHERE kind = ?${byParent ? " AND parent = ?" : ""} AND seq > ? ORDER BY seq LIMIT ${rows}`,
      );
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
    return (this.statements.nextCounter.get(name) as { value: number }).value;
  }
}
