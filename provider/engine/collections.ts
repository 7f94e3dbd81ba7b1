import {
  type CallInput,
  callPath,
  type ListItem,
  type Listing,
  type ListOperationId,
  type ScrumsClient,
} from "../client/client";

interface Cached {
  path: string;
  listing: Promise<Listing<unknown>>;
}

/** One object of a listing, with the server's clock when it was listed. */
export interface Listed<T> {
  item: T;
  date: Date;
}

/**
 * Collections read whole, once per run. Every read and lookup of an object in a collection is
 * answered from one paged list instead of a GET per object, readers arriving while the list is in
 * flight share it, and any write under a collection's path drops it, so what a run writes it
 * lists afresh.
 */
export class CollectionCache {
  private readonly cached = new Map<string, Cached>();

  constructor(private readonly client: ScrumsClient) {
    client.onWrite((path) => this.forget(path));
  }

  /** The object whose id `idOf` gives as `id`; null when the collection does not hold it. */
  async get<Op extends ListOperationId>(
    operationId: Op,
    input: CallInput<Op>,
    idOf: (item: ListItem<Op>) => string,
    id: string,
  ): Promise<Listed<ListItem<Op>> | null> {
    return pick(
      (await this.entry(operationId, input).listing) as Listing<ListItem<Op>>,
      (candidate) => idOf(candidate) === id,
    );
  }

  /** Every object of the collection. */
  async all<Op extends ListOperationId>(operationId: Op, input: CallInput<Op>): Promise<Listing<ListItem<Op>>> {
    return (await this.entry(operationId, input).listing) as Listing<ListItem<Op>>;
  }

  /**
   * The first object `matches` accepts. An object missing from a listing taken earlier in the run
   * may have been made since (the lookup follows a conflict), so such a miss lists once more.
   */
  async find<Op extends ListOperationId>(
    operationId: Op,
    input: CallInput<Op>,
    matches: (item: ListItem<Op>) => boolean,
  ): Promise<Listed<ListItem<Op>> | null> {
    const key = keyOf(operationId, input);
    const earlier = this.cached.get(key);
    const entry = earlier ?? this.entry(operationId, input);
    const found = pick((await entry.listing) as Listing<ListItem<Op>>, matches);
    if (found || !earlier) return found;
    if (this.cached.get(key) === earlier) this.cached.delete(key);
    return pick((await this.entry(operationId, input).listing) as Listing<ListItem<Op>>, matches);
  }

  private entry<Op extends ListOperationId>(operationId: Op, input: CallInput<Op>): Cached {
    const key = keyOf(operationId, input);
    const hit = this.cached.get(key);
    if (hit) return hit;
    const entry: Cached = { path: callPath(operationId, input), listing: this.client.list(operationId, input) };
    this.cached.set(key, entry);
    // A failed list is not remembered: the next reader tries again.
    entry.listing.catch(() => this.cached.get(key) === entry && this.cached.delete(key));
    return entry;
  }

  private forget(written: string): void {
    for (const [key, entry] of this.cached)
      if (written === entry.path || written.startsWith(`${entry.path}/`)) this.cached.delete(key);
  }
}

const keyOf = <Op extends ListOperationId>(operationId: Op, input: CallInput<Op>) =>
  `${callPath(operationId, input)}?${new URLSearchParams((input as { query?: Record<string, string> }).query).toString()}`;

function pick<T>(listing: Listing<T>, matches: (item: T) => boolean): Listed<T> | null {
  const found = listing.items.find(matches);
  return found === undefined ? null : { item: found, date: listing.date };
}
