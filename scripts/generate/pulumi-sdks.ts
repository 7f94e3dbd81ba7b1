/**
 * Regenerates the SDKs under sdk/ from schema.json with `pulumi package gen-sdk`: `npm run generate:sdks`.
 * The Pulumi CLI and its language hosts must be on PATH (scripts/with-tools does that). .NET is left out:
 * its generator is not part of the Pulumi modules the hosts are built from.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { PULUMI_SCHEMA_PATH } from "./pulumi-schema";

const REPO_ROOT = path.join(__dirname, "../..");

export const SDK_DIR = path.join(REPO_ROOT, "sdk");
export const SDK_LANGUAGES = ["nodejs", "python", "go"] as const;

/** Writes `<out>/<language>` for each of `languages`, replacing what was there. */
export function generateSdks(
  out: string,
  env: NodeJS.ProcessEnv = process.env,
  languages: readonly string[] = SDK_LANGUAGES,
): void {
  for (const language of languages) {
    execFileSync("pulumi", ["package", "gen-sdk", PULUMI_SCHEMA_PATH, "--language", language, "--out", out], {
      env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }
}

if (require.main === module) {
  const started = performance.now();
  generateSdks(SDK_DIR);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${SDK_LANGUAGES.map((l) => `sdk/${l}`).join(", ")} in ${seconds}s`);
}
