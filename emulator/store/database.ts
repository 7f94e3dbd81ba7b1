import { MemoryTables } from "./memory-tables";
import { SqliteTables } from "./sqlite-tables";
import type { Tables } from "./tables";

/**
 * The emulator's store: its tables (SQLite in a data directory, else memory only) and the
 * transactions over them. Requests run synchronously inside one transaction each, so no two interleave.
 *
 * What mirrors the store in memory registers, with each change, how to undo it (`undoable`): a
 * rollback undoes in memory exactly what it undoes in the tables.
 */
export class Database {
  readonly tables: Tables;
  private transactionOpen = false;
  /** Undos of the current transaction's changes to memory, oldest first. */
  private readonly undos: Array<() => void> = [];
  private readonly rollbackListeners: Array<() => void> = [];
  private readonly commitListeners: Array<() => void> = [];

  constructor(dataDir: string | null) {
    this.tables = dataDir ? new SqliteTables(dataDir) : new MemoryTables((undo) => this.undoable(undo));
  }

  /** Runs `work` in one transaction: all of its writes commit together, or none do. */
  transaction<T>(work: () => T): T {
    if (this.transactionOpen) throw new Error("transactions do not nest");
    this.tables.begin();
    this.transactionOpen = true;
    try {
      const result = work();
      this.writeHeldBack();
      this.tables.commit();
      this.undos.length = 0;
      return result;
    } catch (error) {
      this.tables.rollback();
      this.rolledBack(0);
      throw error;
    } finally {
      this.transactionOpen = false;
    }
  }

  /** Runs `work` inside the current transaction and undoes its writes, whatever it returns or throws. */
  rehearse<T>(work: () => T): T {
    this.writeHeldBack();
    this.tables.savepoint();
    const mark = this.undos.length;
    try {
      return work();
    } finally {
      this.tables.rollbackToSavepoint();
      this.rolledBack(mark);
    }
  }

  /** Registers how to undo a change just made in memory, should the transaction roll back; outside one, a change is final. */
  undoable(undo: () => void): void {
    if (this.transactionOpen) this.undos.push(undo);
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
    return this.transactionOpen;
  }

  private writeHeldBack(): void {
    for (const listener of this.commitListeners) listener();
  }

  private rolledBack(mark: number): void {
    while (this.undos.length > mark) this.undos.pop()!();
    for (const listener of this.rollbackListeners) listener();
  }

  close(): void {
    this.tables.close();
  }
}
