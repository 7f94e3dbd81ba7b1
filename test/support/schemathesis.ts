/**
 * Schemathesis, the third-party OpenAPI fuzzer, run over `openapi.json` against a fresh emulator in a
 * process of its own, as two users who share nothing. It fails on any 5xx, any response off its
 * schema, any status the operation does not document, any method answered other than 405, and any
 * object one user reads that the other can read too.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnEmulator } from "./emulator-process";
import { run, type RunResult } from "./run";
import { repoRoot, toolsEnv } from "./tools";

export const FUZZ_CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "response_schema_conformance",
  "content_type_conformance",
  "unsupported_method",
  "object_level_authorization",
];

export interface FuzzOptions {
  /** Test cases per operation and phase. */
  maxExamples: number;
  seed: number;
}

export async function fuzzEmulator(options: FuzzOptions): Promise<RunResult> {
  const schemathesis = toolsEnv().SCRUMS_IAC_SCHEMATHESIS;
  if (!schemathesis) throw new Error("no SCRUMS_IAC_SCHEMATHESIS: run scripts/setup, which provisions Schemathesis");
  const emulator = await spawnEmulator();
  const workdir = mkdtempSync(path.join(os.tmpdir(), "scrums-fuzz-"));
  try {
    const identities = [];
    for (const name of ["alice", "bob"]) {
      const minted = (await emulator.control("POST", "/tokens", { kind: "user", email: `${name}@fuzz.example` })) as {
        token: string;
      };
      identities.push({ name, fixedHeaders: [{ name: "Authorization", value: `Bearer ${minted.token}` }] });
    }
    // Web Fuzzing Commons auth: each user a peer, so every object one reads is probed as the other.
    writeFileSync(path.join(workdir, "auth.json"), JSON.stringify({ auth: identities }));
    writeFileSync(
      path.join(workdir, "schemathesis.toml"),
      `[auth.wfc]\npath = "${path.join(workdir, "auth.json")}"\npeers = [${identities.map((i) => `"${i.name}"`).join(", ")}]\n`,
    );
    return await run(
      schemathesis,
      [
        "--config-file",
        path.join(workdir, "schemathesis.toml"),
        "--no-color",
        "run",
        path.join(repoRoot, "openapi.json"),
        "--url",
        emulator.url,
        "--checks",
        FUZZ_CHECKS.join(","),
        "--max-examples",
        String(options.maxExamples),
        "--seed",
        String(options.seed),
        // One worker: with several, Hypothesis parses lambdas from threads, which CPython 3.11 can crash on.
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--report-dir",
        path.join(workdir, "report"),
      ],
      { cwd: workdir, allowFailure: true },
    );
  } finally {
    emulator.stop();
    rmSync(workdir, { recursive: true, force: true });
  }
}
