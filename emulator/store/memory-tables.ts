import type { Kind } from "./records";
import type { ObjectRow, ReplayRow, Tables } from "./tables";

/**
 * The tables of an emulator without a data directory: nothing outlives the process, and the objects
 * are all in memory already, so only counters and replays are kept. A change registers its undo with
 * the database (`undoable`), which runs it when the transaction, or the rehearsal, rolls back.
 */
export class MemoryTables implements Tables {
  private readonly counters = new Map<string, number>();
  private readonly replays = new Map<string, ReplayRow>();

  constructor(private readonly undoable: (undo: () => void) => void) {}

  objectRows(): ObjectRow[] {
    return [];
  }

  insertObject(): void {}
  updateObject(): void {}
  removeObject(): void {}
  removeObjectsBut(_keep: Array<[Kind, string]>): void {}

  counter(name: string): number | undefined {
    return this.counters.get(name);
  }

  saveCounter(name: string, value: number): void {
    this.set(this.counters, name, value);
  }

  replay(key: string): ReplayRow | undefined {
    return this.replays.get(key);
  }

  saveReplay(key: string, row: ReplayRow): void {
    this.set(this.replays, key, row);
  }

  removeReplays(): void {
    const removed = new Map(this.replays);
    this.replays.clear();
    this.undoable(() => removed.forEach((row, key) => this.replays.set(key, row)));
  }

  private set<T>(map: Map<string, T>, key: string, value: T): void {
    const before = map.get(key);
    map.set(key, value);
    this.undoable(() => (before === undefined ? map.delete(key) : map.set(key, before)));
  }

  begin(): void {}
  commit(): void {}
  rollback(): void {}
  savepoint(): void {}
  rollbackToSavepoint(): void {}
  close(): void {}
}
