import type { Database } from "./database";
import { Resident, type Stored } from "./resident";
import type { Tables } from "./tables";

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

export type { Stored };

export interface Page<T> {
  items: Stored<T>[];
  /** The `seq` to continue after, or null when there is nothing more. */
  next: number | null;
}

/**
 * Typed access to the stored objects. Every object is held in memory (./resident) and written
 * through to the tables in the request's transaction, so reads never reach SQLite and a restart loads
 * exactly what was committed; a rollback undoes the memory with the tables (`Database.undoable`).
 * Listing walks `seq`, which only grows, so a cursor neither skips nor repeats an object however
 * many are inserted during the walk.
 *
 * Counters (`seq`, ids) are issued from memory and written once per transaction, just before it
 * commits, so a request that issues several numbers writes each counter once; a rollback forgets them.
 */
export class Records {
  private readonly tables: Tables;
  private readonly resident = new Resident();
  /** The last value issued per counter, as far as this process knows it. */
  private readonly counters = new Map<string, number>();
  /** Counters issued in the current transaction and not yet written. */
  private readonly unsavedCounters = new Set<string>();

  constructor(private readonly db: Database) {
    this.tables = db.tables;
    db.beforeCommit(() => this.saveCounters());
    db.onRollback(() => {
      this.counters.clear();
      this.unsavedCounters.clear();
    });
    this.load();
  }

  get<T>(kind: Kind, id: string): Stored<T> | null {
    return this.resident.get<T>(kind, id) ?? null;
  }

  /** Stores `body` itself, frozen: plain JSON data, as a restart reads it back from the tables. */
  insert<T>(kind: Kind, id: string, parent: string | null, body: T): Stored<T> {
    const record = { id, parent, seq: this.nextCounter("seq"), version: 1, body };
    this.resident.add(kind, record);
    this.db.undoable(() => this.resident.delete(kind, id));
    this.tables.insertObject(kind, id, parent, record.seq, body);
    return record;
  }

  update<T>(kind: Kind, id: string, body: T): void {
    const current = this.resident.get(kind, id);
    if (!current) return;
    this.resident.put(kind, { ...current, version: current.version + 1, body });
    this.db.undoable(() => this.resident.put(kind, current));
    this.tables.updateObject(kind, id, current.version + 1, body);
  }

  remove(kind: Kind, id: string): void {
    const removed = this.resident.delete(kind, id);
    if (!removed) return;
    this.tables.removeObject(kind, id);
    this.db.undoable(() => this.resident.put(kind, removed));
  }

  /** Removes every object but those listed as `[kind, id]`. */
  removeAllBut(keep: Array<[Kind, string]>): void {
    const kept = keep.flatMap(([kind, id]) => {
      const record = this.resident.get(kind, id);
      return record ? [{ kind, record }] : [];
    });
    const before = this.resident.snapshot();
    this.tables.removeObjectsBut(keep);
    this.resident.clear();
    for (const { kind, record } of kept) this.resident.put(kind, record);
    this.db.undoable(() => this.resident.restore(before));
  }

  /** Up to `limit` records after `after`, of one parent (or of all when parent is undefined). */
  page<T>(kind: Kind, parent: string | undefined, after: number, limit: number): Page<T> {
    const { list, start } = this.resident.listAfter<T>(kind, parent, after);
    const items = list.slice(start, start + limit);
    return { items, next: start + limit < list.length ? items[items.length - 1]!.seq : null };
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
    if (last === undefined) last = this.tables.counter(name) ?? 0;
    const value = last + 1;
    this.counters.set(name, value);
    this.unsavedCounters.add(name);
    if (!this.db.inTransaction) this.saveCounters();
    return value;
  }

  /** Reads every object from the tables: what the last run committed. */
  private load(): void {
    const rows = this.tables.objectRows();
    rows.sort((a, b) => a[3] - b[3]);
    for (const [kind, id, parent, seq, version, body] of rows)
      this.resident.put(kind, { id, parent, seq, version, body: JSON.parse(body) });
  }

  private saveCounters(): void {
    for (const name of this.unsavedCounters) this.tables.saveCounter(name, this.counters.get(name)!);
    this.unsavedCounters.clear();
  }
}
