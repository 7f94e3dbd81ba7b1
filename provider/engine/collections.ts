import type { z } from "zod";
import type { Listing, ScrumsClient } from "../client/client";

type Query = Record<string, string>;

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
  async get<T>(path: string, item: z.ZodType<T>, query: Query, idOf: (item: T) => string, id: string): Promise<Listed<T> | null> {
    return pick((await this.entry(path, item, query).listing) as Listing<T>, (candidate) => idOf(candidate) === id);
  }

  /**
   * The first object `matches` accepts. An object missing from a listing taken earlier in the run
   * may have been made since (the lookup follows a conflict), so such a miss lists once more.
   */
  async find<T>(path: string, item: z.ZodType<T>, query: Query, matches: (item: T) => boolean): Promise<Listed<T> | null> {
    const key = keyOf(path, query);
    const earlier = this.cached.get(key);
    const entry = earlier ?? this.entry(path, item, query);
    const found = pick((await entry.listing) as Listing<T>, matches);
    if (found || !earlier) return found;
    if (this.cached.get(key) === earlier) this.cached.delete(key);
    return pick((await this.entry(path, item, query).listing) as Listing<T>, matches);
  }

  private entry<T>(path: string, item: z.ZodType<T>, query: Query): Cached {
    const key = keyOf(path, query);
    const hit = this.cached.get(key);
    if (hit) return hit;
    const entry: Cached = { path, listing: this.client.list(path, item, query) };
    this.cached.set(key, entry);
    // A failed list is not remembered: the next reader tries again.
    entry.listing.catch(() => this.cached.get(key) === entry && this.cached.delete(key));
    return entry;
  }

  private forget(written: string): void {
    for (const [key, entry] of this.cached) if (written === entry.path || written.startsWith(`${entry.path}/`)) this.cached.delete(key);
  }
}

const keyOf = (path: string, query: Query) => `${path}?${new URLSearchParams(query).toString()}`;

function pick<T>(listing: Listing<T>, matches: (item: T) => boolean): Listed<T> | null {
  const found = listing.items.find(matches);
  return found === undefined ? null : { item: found, date: listing.date };
}
