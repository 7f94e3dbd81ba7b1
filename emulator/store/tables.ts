import type { Kind } from "./records";

/** An object as a table row: [kind, id, parent, seq, version, body as JSON]. */
export type ObjectRow = [kind: Kind, id: string, parent: string | null, seq: number, version: number, body: string];

/** A remembered first answer, sealed (see ./replays), and when it was given (ms of the emulator's clock). */
export interface ReplayRow {
  sealed: string;
  created_at: number;
}

/**
 * Where the store's tables live: SQLite for a data directory, or only this process's memory. The
 * objects themselves are always served from memory (./resident); the tables are what a restart reads.
 * Transactions are driven by `Database`, which calls the transaction methods.
 */
export interface Tables {
  objectRows(): ObjectRow[];
  /** `body` is a stored (frozen) body; tables that write it serialize it as JSON. */
  insertObject(kind: Kind, id: string, parent: string | null, seq: number, body: unknown): void;
  updateObject(kind: Kind, id: string, version: number, body: unknown): void;
  removeObject(kind: Kind, id: string): void;
  removeObjectsBut(keep: Array<[Kind, string]>): void;

  counter(name: string): number | undefined;
  saveCounter(name: string, value: number): void;

  replay(key: string): ReplayRow | undefined;
  saveReplay(key: string, row: ReplayRow): void;
  removeReplays(): void;

  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  rollbackToSavepoint(): void;
  close(): void;
}
