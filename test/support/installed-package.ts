/**
 * scrums-iac as users get it: the tarball of `npm pack`, installed with `npm install` into a project of
 * its own in a temporary directory outside this repository. The e2e global setup ran the package's
 * prepack (a clean build) already, so the pack skips it (`--ignore-scripts`) rather than build again.
 * npm takes the packages from its cache, which `scripts/setup` filled (`--prefer-offline`); only the
 * metadata of a package the cache lacks comes from the registry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "./run";
import { repoRoot } from "./tools";

export interface PackedPackage {
  tarball: string;
  /** Bytes of the tarball. */
  size: number;
  /** Every file in it, relative to the package's root. */
  files: string[];
}

export class InstalledPackages {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-package-"));

  async pack(): Promise<PackedPackage> {
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", this.dir], {
      cwd: repoRoot,
    });
    const [report] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      size: number;
      files: Array<{ path: string }>;
    }>;
    return {
      tarball: path.join(this.dir, report!.filename),
      size: report!.size,
      files: report!.files.map((file) => file.path),
    };
  }

  /** A project named `name` holding the tarball and `packages` (`name@version`), as `npm install` leaves it. */
  async project(name: string, tarball: string, packages: string[]): Promise<string> {
    const dir = path.join(this.dir, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...packages], { cwd: dir });
    return dir;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `name@version` as a package.json under `scripts/` or the root pins it. */
export function pinned(name: string, manifest = path.join(repoRoot, "package.json")): string {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(manifest, "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
  const version = dependencies[name] ?? devDependencies[name];
  if (!version) throw new Error(`${manifest} does not name ${name}`);
  return `${name}@${version}`;
}
