/**
 * The emulator under Schemathesis: every operation of `openapi.json`, its examples, its coverage of
 * edge values, random fuzzing and stateful sequences along the create links, as two users. A small
 * example count keeps it near a minute; `bench/emulator-fuzz.ts` runs the larger one.
 */
import { ROUTES } from "../../provider/model/api";
import { fuzzEmulator } from "../support/schemathesis";

const MAX_EXAMPLES = Number(process.env.EMULATOR_FUZZ_EXAMPLES ?? 3);
// A fixed seed keeps the suite's verdict reproducible; EMULATOR_FUZZ_SEED or the bench explores others.
const SEED = Number(process.env.EMULATOR_FUZZ_SEED ?? 20261202);

test(`Schemathesis finds no 5xx, no off-schema answer, no undocumented status, no cross-user read (seed ${SEED})`, async () => {
  const result = await fuzzEmulator({ maxExamples: MAX_EXAMPLES, seed: SEED });
  const summary = result.stdout.slice(result.stdout.lastIndexOf("SUMMARY") - 40);
  expect({
    exitCode: result.code,
    summary: result.code === 0 ? "" : `${result.stdout.slice(-12_000)}\n${result.stderr}`,
  }).toEqual({ exitCode: 0, summary: "" });
  expect(summary).toMatch(new RegExp(`Tested: ${ROUTES.length}\\b`));
  expect(summary).toMatch(/\d+ generated, \d+ passed/);
});
