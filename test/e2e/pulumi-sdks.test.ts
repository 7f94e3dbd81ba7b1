/**
 * The SDKs checked in under sdk/ are what `pulumi package gen-sdk` makes of schema.json today, and they
 * build: the TypeScript SDK type-checks with a program on it, and `pulumi convert` writes programs on the
 * SDKs in TypeScript, Python and Go, the Go one compiling against sdk/go. (The Python SDK is installed with
 * pip by pulumi-languages.test.ts, which runs a program on it.) `pulumi convert` and `pulumi package add`
 * read the schema from the plugin on PATH.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSdks, SDK_DIR, SDK_LANGUAGES } from "../../scripts/generate/pulumi-sdks";
import { filesUnder } from "../support/files";
import { NATIVE_PLUGIN_ENV } from "../support/pulumi-stack";
import { run } from "../support/run";
import { repoRoot, toolsEnv } from "../support/tools";

const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-sdks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FIXTURES = path.join(repoRoot, "test/e2e/fixtures/pulumi-languages");
/** The Go SDK module at the version of the Pulumi CLI and Node.js SDK: the one the setup's module cache holds. */
const PULUMI_VERSION = (
  JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as {
    version: string;
  }
).version;

it.each(SDK_LANGUAGES)("sdk/%s is what gen-sdk makes of schema.json (else: npm run generate:sdks)", (language) => {
  const fresh = path.join(scratch, "generated");
  generateSdks(fresh, toolsEnv(), [language]);
  expect(checkedIn(language)).toEqual(filesUnder(path.join(fresh, language)));
});

/** The files of sdk/<language> git tracks: what a build of the SDK leaves there (build/, *.egg-info) is no part of it. */
function checkedIn(language: string): Record<string, string> {
  const dir = path.join(SDK_DIR, language);
  const tracked = execFileSync("git", ["ls-files", "-z", "."], { cwd: dir, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  return Object.fromEntries(tracked.map((file) => [file, readFileSync(path.join(dir, file), "utf8")]));
}

it("the TypeScript SDK type-checks with a program on it", async () => {
  const tsconfig = path.join(scratch, "tsconfig.json");
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [path.join(repoRoot, "node_modules/@types")],
    paths: { "@scrums-iac/pulumi-scrums": [path.join(SDK_DIR, "nodejs/index.ts")] },
  };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files: [path.join(FIXTURES, "typescript/index.ts")] }));
  const tsc = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", tsconfig], {
    cwd: scratch,
    allowFailure: true,
  });
  expect(tsc.stdout + tsc.stderr).toBe("");
});

describe("pulumi convert", () => {
  const convert = (language: string) => {
    const out = path.join(scratch, `converted-${language}`);
    return run("pulumi", ["convert", "--from", "pcl", "--language", language, "--out", out, "--generate-only"], {
      cwd: path.join(FIXTURES, "pcl"),
      env: NATIVE_PLUGIN_ENV,
    }).then(() => out);
  };

  it.each([
    ["typescript", "index.ts", /new scrums\.Organization\("org", \{/],
    ["python", "__main__.py", /scrums\.Organization\("org",/],
  ])("writes a %s program on the SDK", async (language, entry, declares) => {
    const out = await convert(language);
    expect(readFileSync(path.join(out, entry), "utf8")).toMatch(declares);
  });

  it("writes a Go program that compiles against sdk/go", async () => {
    const out = await convert("go");
    expect(readFileSync(path.join(out, "main.go"), "utf8")).toMatch(/scrums\.NewOrganization\(ctx, "org"/);
    // The SDK's module is not published: the program requires it from sdk/go, as the README says.
    const go = (...args: string[]) => run("go", args, { cwd: out, env: { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" } });
    const sdkModule = /^module (\S+)$/m.exec(readFileSync(path.join(SDK_DIR, "go/go.mod"), "utf8"))![1]!;
    await go(
      "mod",
      "edit",
      `-require=${sdkModule}@v0.0.0`,
      `-replace=${sdkModule}=${path.join(SDK_DIR, "go")}`,
      `-require=github.com/pulumi/pulumi/sdk/v3@v${PULUMI_VERSION}`,
    );
    await go("mod", "tidy");
    await go("build", "-trimpath", "-o", path.join(scratch, "converted-program"), ".");
  });
});

describe("pulumi package add", () => {
  it("links the Go SDK it generates into a Go program, which then builds", async () => {
    const program = path.join(scratch, "package-add-go");
    mkdirSync(program);
    writeFileSync(path.join(program, "Pulumi.yaml"), "name: package-add-go\nruntime: go\n");
    writeFileSync(
      path.join(program, "go.mod"),
      `module example.com/program\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${PULUMI_VERSION}\n`,
    );
    writeFileSync(
      path.join(program, "main.go"),
      [
        "package main",
        'import ("github.com/pulumi/pulumi/sdk/v3/go/pulumi"; "scrums-iac/sdk/go/scrums")',
        "func main() {",
        "\tpulumi.Run(func(ctx *pulumi.Context) error {",
        '\t\t_, err := scrums.NewOrganization(ctx, "org", &scrums.OrganizationArgs{Name: pulumi.String("Added"), Slug: pulumi.String("added")})',
        "\t\treturn err",
        "\t})",
        "}",
      ].join("\n"),
    );
    const added = await run("pulumi", ["package", "add", path.join(repoRoot, "schema.json")], {
      cwd: program,
      env: NATIVE_PLUGIN_ENV,
    });
    expect(added.stdout).toContain('import "scrums-iac/sdk/go/scrums"');
    expect(readFileSync(path.join(program, "go.mod"), "utf8")).toMatch(
      /replace scrums-iac\/sdk\/go => \.\/sdks\/scrums/,
    );
    const go = (...args: string[]) =>
      run("go", args, { cwd: program, env: { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" } });
    await go("mod", "tidy");
    await go("build", "-trimpath", "-o", path.join(scratch, "package-add-program"), ".");
  });
});
