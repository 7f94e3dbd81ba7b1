/** The client's shared budget: how many requests run at once, and when they may start. */
import { Throttle } from "../../../provider/client/throttle";

/** Work that stays in flight until `release` is called, recording the most that ran at once. */
function gate() {
  let running = 0;
  let most = 0;
  const releases: Array<() => void> = [];
  const work = () =>
    new Promise<void>((resolve) => {
      running += 1;
      most = Math.max(most, running);
      releases.push(() => {
        running -= 1;
        resolve();
      });
    });
  const releaseAll = async () => {
    while (releases.length) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { work, releaseAll, most: () => most };
}

test("runs at most its ceiling of requests at once", async () => {
  const throttle = new Throttle(3);
  const g = gate();
  const all = Promise.all(Array.from({ length: 10 }, () => throttle.use(g.work)));
  await new Promise((resolve) => setImmediate(resolve));
  await g.releaseAll();
  await all;
  expect(g.most()).toBe(3);
});

test("a 429 halves the concurrency, down to one, and successes grow it back to the ceiling", () => {
  const throttle = new Throttle(8);
  throttle.rateLimited(undefined);
  expect(throttle.concurrency).toBe(4);
  for (let i = 0; i < 5; i++) throttle.rateLimited(undefined);
  expect(throttle.concurrency).toBe(1);
  let successes = 0;
  while (throttle.concurrency < 8) {
    throttle.succeeded();
    successes += 1;
  }
  // One more allowed after each run of `limit` successes: 1 + 2 + … + 7.
  expect(successes).toBe(28);
  throttle.succeeded();
  expect(throttle.concurrency).toBe(8);
});

test("a 429's Retry-After holds back every request until it has passed", async () => {
  let now = 1_000;
  const throttle = new Throttle(4, () => now);
  throttle.rateLimited(50);
  let started = false;
  const pending = throttle.use(async () => {
    started = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(started).toBe(false);
  now += 50;
  await pending;
  expect(started).toBe(true);
});
