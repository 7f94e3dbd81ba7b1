/**
 * The release for this machine's platform (`npm run release`), shared by the tests that need it:
 * built once per set of inputs and reused after (see scripts/release/build.ts). The e2e global setup
 * installs it (`scrums-iac terraform install` builds it), so every Terraform test runs the executable users get.
 */
import { buildRelease } from "../../scripts/release/build";
import { hostPlatform } from "../../scripts/release/node-binaries";

export const releasePlatform = () => {
  const platform = hostPlatform();
  if (!platform) throw new Error(`npm has no Node binary for ${process.platform}-${process.arch}`);
  return platform;
};

/** Builds (or finds up to date) the release for this machine into `out` (default dist/release); `force` builds anew. */
export const hostRelease = (options: { out?: string; force?: boolean } = {}) =>
  buildRelease({ ...options, platforms: [releasePlatform()] });
