/** An object as the store holds it. */
export interface Stored<T> {
  id: string;
  parent: string | null;
  seq: number;
  version: number;
  body: T;
}

/**
 * Every stored object in memory, found by kind and id, and listed in `seq` order per kind and per
 * kind and parent. Bodies are frozen as they are stored, the very objects handlers wrote, not
 * copies: a handler that changed one in place would change the state without a write.
 */
export class Resident {
  /** Per kind, by id. */
  private readonly byId = new Map<string, Map<string, Stored<unknown>>>();
  /** Per kind, and per kind and parent: objects in ascending `seq`. */
  private readonly lists = new Map<string, Stored<unknown>[]>();

  get<T>(kind: string, id: string): Stored<T> | undefined {
    return this.byId.get(kind)?.get(id) as Stored<T> | undefined;
  }

  /** Adds an object, or replaces the one of the same kind and id (same `seq`). */
  put(kind: string, record: Stored<unknown>): void {
    const ofKind = this.ofKind(kind);
    this.place(kind, ofKind, record, ofKind.has(record.id));
  }

  /** Adds an object of an id not stored yet. */
  add(kind: string, record: Stored<unknown>): void {
    const ofKind = this.ofKind(kind);
    if (ofKind.has(record.id)) throw new Error(`a ${kind} ${record.id} is stored already`);
    this.place(kind, ofKind, record, false);
  }

  delete(kind: string, id: string): Stored<unknown> | undefined {
    const record = this.byId.get(kind)?.get(id);
    if (!record) return undefined;
    this.byId.get(kind)!.delete(id);
    removeFrom(this.list(kind), record);
    if (record.parent !== null) removeFrom(this.list(keyOf(kind, record.parent)), record);
    return record;
  }

  /** The objects of a kind (of one parent, when given) with `seq` above `after`, in `seq` order. */
  listAfter<T>(kind: string, parent: string | undefined, after: number): { list: Stored<T>[]; start: number } {
    const list = (this.lists.get(parent === undefined ? kind : keyOf(kind, parent)) ?? []) as Stored<T>[];
    return { list, start: firstAfter(list, after) };
  }

  clear(): void {
    this.byId.clear();
    this.lists.clear();
  }

  /** A copy of what is held now, for `restore`. */
  snapshot(): ResidentSnapshot {
    return {
      byId: new Map([...this.byId].map(([kind, ofKind]) => [kind, new Map(ofKind)])),
      lists: new Map([...this.lists].map(([key, list]) => [key, [...list]])),
    };
  }

  restore(snapshot: ResidentSnapshot): void {
    this.clear();
    snapshot.byId.forEach((ofKind, kind) => this.byId.set(kind, ofKind));
    snapshot.lists.forEach((list, key) => this.lists.set(key, list));
  }

  private ofKind(kind: string): Map<string, Stored<unknown>> {
    let ofKind = this.byId.get(kind);
    if (!ofKind) this.byId.set(kind, (ofKind = new Map()));
    return ofKind;
  }

  private place(kind: string, ofKind: Map<string, Stored<unknown>>, record: Stored<unknown>, replaces: boolean): void {
    deepFreeze(record.body);
    ofKind.set(record.id, record);
    placeIn(this.list(kind), record, replaces);
    if (record.parent !== null) placeIn(this.list(keyOf(kind, record.parent)), record, replaces);
  }

  /** The list of a kind, or of a kind and parent (`keyOf`), made empty on first use. */
  private list(key: string): Stored<unknown>[] {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    return list;
  }
}

interface ResidentSnapshot {
  byId: Map<string, Map<string, Stored<unknown>>>;
  lists: Map<string, Stored<unknown>[]>;
}

/** The list of a kind's objects under one parent. */
const keyOf = (kind: string, parent: string) => `${kind}\u0000${parent}`;

/** Puts a record in its place by `seq`, in place of the one it replaces. */
function placeIn(list: Stored<unknown>[], record: Stored<unknown>, replaces: boolean): void {
  // A new object has the highest `seq` yet, so it almost always goes last.
  if (!replaces && (list.length === 0 || list[list.length - 1]!.seq < record.seq)) return void list.push(record);
  const at = firstAfter(list, record.seq - 1);
  if (replaces && list[at]?.seq === record.seq) list[at] = record;
  else list.splice(at, 0, record);
}

const removeFrom = (list: Stored<unknown>[], record: Stored<unknown>) =>
  list.splice(firstAfter(list, record.seq - 1), 1);

/** The index of the first object with `seq` above `after`, by binary search. */
function firstAfter(list: Stored<unknown>[], after: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.seq <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  // Most values are strings, numbers or null: only objects are worth a call.
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === "object" && item !== null) deepFreeze(item);
  }
}
