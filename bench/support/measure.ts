/** What the benches measure: seconds, and the API calls the emulator counted, by method. */
import type { ServedEmulator } from "../../test/support/emulator-process";

export type Calls = Record<string, number>;

export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e9, result];
}

/** The emulator's request counters, by HTTP method, reset after reading. */
export async function callsSince(emulator: ServedEmulator): Promise<Calls> {
  const snapshot = (await emulator.control("GET", "/requests")) as {
    total: number;
    routes: Record<string, { count: number }>;
  };
  await emulator.control("DELETE", "/requests");
  const calls: Calls = { total: snapshot.total };
  for (const [route, { count }] of Object.entries(snapshot.routes)) {
    const method = route.split(" ")[0]!;
    calls[method] = (calls[method] ?? 0) + count;
  }
  return calls;
}

export const writesOf = (calls: Calls) => calls.total! - (calls.GET ?? 0);
export const describe = (calls: Calls) =>
  Object.entries(calls)
    .filter(([k]) => k !== "total")
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";
