/**
 * The larger Schemathesis run over the emulator: the same checks and two users as
 * test/e2e/emulator-fuzz.test.ts, with many more examples per operation. Prints Schemathesis's
 * report and exits with its code.  Run: npx ts-node --transpile-only bench/emulator-fuzz.ts
 * (BENCH_FUZZ_EXAMPLES, default 100; BENCH_FUZZ_SEED to repeat a run.)
 */
import { fuzzEmulator } from "../test/support/schemathesis";

async function main() {
  const seed = Number(process.env.BENCH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const result = await fuzzEmulator({ maxExamples: Number(process.env.BENCH_FUZZ_EXAMPLES ?? 100), seed });
  process.stdout.write(`${result.stdout}${result.stderr}\nseed ${seed}\n`);
  process.exitCode = result.code;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
