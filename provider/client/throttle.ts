import { setTimeout as sleep } from "node:timers/promises";

/**
 * The one budget every request of a client draws on. At most `limit` requests are in flight; a 429
 * halves that limit and pauses every request until the platform's Retry-After has passed, and each
 * run of `limit` successes grows it by one again, up to the ceiling. So a client that meets the
 * platform's rate limit slows down as a whole instead of failing request by request.
 */
export class Throttle {
  private limit: number;
  private active = 0;
  private successesSinceGrowth = 0;
  private resumeAt = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly ceiling: number,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = ceiling;
  }

  /** Requests allowed in flight at the moment. */
  get concurrency(): number {
    return this.limit;
  }

  async use<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.wake();
    }
  }

  /** The platform said 429: fewer requests at once, and none before `retryAfterMs` from now. */
  rateLimited(retryAfterMs: number | undefined): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successesSinceGrowth = 0;
    this.resumeAt = Math.max(this.resumeAt, this.now() + (retryAfterMs ?? 0));
  }

  succeeded(): void {
    if (this.limit >= this.ceiling || ++this.successesSinceGrowth < this.limit) return;
    this.limit += 1;
    this.successesSinceGrowth = 0;
    this.wake();
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const pause = this.resumeAt - this.now();
      if (pause > 0) await sleep(pause);
      else if (this.active < this.limit) break;
      else await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
  }

  private wake(): void {
    for (let free = this.limit - this.active; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
  }
}
