/**
 * `scrums-iac discover` in the Pulumi formats, on the native provider through the real `pulumi` CLI:
 * per format, an organization built through the API alone is discovered; with its secrets set as the
 * summary says (`pulumi config set --secret`), the preview shows only imports, `pulumi up` imports,
 * and the next preview is empty. The integrations' secrets, written commented out (an import cannot
 * take them), are then uncommented as the comment says: one update per integration sends them, and
 * the preview after it is empty again. The TypeScript type-checks against the generated SDK; the
 * Python runs in the virtualenv `pulumi install` fills from the requirements.txt discover wrote.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BuiltOrganization, buildOrganization, discoverInto } from "../support/discover-organization";
import { useEmulator } from "../support/emulator-fixtures";
import { linkNodeModules, pythonSdkEnv } from "../support/pulumi-sdks";
import { NATIVE_PLUGIN_ENV, PulumiWorkspace, type PulumiStack } from "../support/pulumi-stack";
import { run } from "../support/run";
import { leakedLines } from "../support/secret-leaks";
import { repoRoot } from "../support/tools";

const ctx = useEmulator();
jest.setTimeout(10 * 60 * 1000);
const pulumi = new PulumiWorkspace();
const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-discover-pulumi-"));
afterAll(() => {
  pulumi.remove();
  rmSync(scratch, { recursive: true, force: true });
});
beforeAll(() => ctx.client.control("PUT", "/settings", { auto_verify_domains: true }));

/** Integrations whose secrets the platform never returns: declaring them after the import is an update. */
const WITH_SECRETS = 3;

const ENV = { ...NATIVE_PLUGIN_ENV, ...pythonSdkEnv(scratch) };

interface Format {
  /** The file of the program, whose commented-out secrets are uncommented after the import. */
  program: string;
  /** What a user does before the first preview, as the summary says; `project` holds Pulumi.yaml. */
  prepare(out: string, project: string): Promise<void>;
}

const FORMATS: Record<string, Format> = {
  "pulumi-ts": {
    program: "index.ts",
    prepare: async (out) => {
      linkNodeModules(out);
      const tsc = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", out], {
        cwd: out,
        allowFailure: true,
      });
      expect({ code: tsc.code, errors: tsc.stdout }).toEqual({ code: 0, errors: "" });
    },
  },
  "pulumi-python": {
    program: "__main__.py",
    prepare: async (_, project) => {
      await run("pulumi", ["install"], { cwd: project, env: ENV });
    },
  },
  "pulumi-yaml": { program: "Pulumi.yaml", prepare: async () => undefined },
};

/** The program with the lines under each after-import comment uncommented, as that comment says. */
function uncommentAfterImport(program: string): string {
  let commented: RegExp | undefined;
  const lines = program.split("\n").flatMap((line) => {
    const header = /^(\s*)(#|\/\/) After the import, to manage them here/.exec(line);
    if (header) {
      commented = new RegExp(`^(${header[1]})${header[2]} `);
      return [];
    }
    if (commented?.test(line)) return [line.replace(commented, "$1")];
    commented = undefined;
    return [line];
  });
  return lines.join("\n");
}

describe.each(Object.keys(FORMATS))("discover --format %s", (format) => {
  const { program, prepare } = FORMATS[format]!;
  let org: BuiltOrganization;
  let out: string;
  let stack: PulumiStack;
  let summary: string;

  beforeAll(async () => {
    org = await buildOrganization(ctx.fx);
    ({ out, stdout: summary } = await discoverInto(ctx, scratch, org.slug, format));
    stack = await pulumi.stack(
      format,
      { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
      {
        project: path.join(out, "Pulumi.yaml"),
        env: ENV,
      },
    );
    await prepare(out, stack.dir);
    for (const [name, value] of Object.entries(org.secrets)) {
      // As the summary says, with the value on stdin: a PEM certificate would read as a flag.
      await stack.pulumi(["config", "set", "--secret", name], { input: value });
    }
  });

  it("says how to set the secrets, and to uncomment the integrations' secrets after the import", () => {
    expect(summary).toContain("pulumi config set --secret <name>");
    for (const name of Object.keys(org.secrets)) expect(summary).toContain(name);
    expect(summary).toContain("uncomment the integrations' secrets");
  });

  it("previews only the imports", async () => {
    const preview = await stack.preview();
    expect(preview.stdout).toMatch(new RegExp(`= ${org.objects} to import`));
    expect(preview.stdout).not.toMatch(/ to update| to replace| to delete/);
  });

  it("imports with pulumi up, and then previews no change", async () => {
    const up = await stack.up();
    expect(up.stdout).toMatch(new RegExp(`= ${org.objects} imported`));
    expect((await stack.preview("--expect-no-changes")).stdout).toMatch(new RegExp(`${org.objects + 1} unchanged`));
  });

  it("sends the integrations' secrets once they are uncommented, and then previews no change", async () => {
    const file = path.join(out, program);
    writeFileSync(file, uncommentAfterImport(readFileSync(file, "utf8")));
    const up = await stack.up();
    expect(up.stdout).toMatch(new RegExp(`~ ${WITH_SECRETS} updated`));
    expect((await stack.preview("--expect-no-changes")).stdout).toMatch(new RegExp(`${org.objects + 1} unchanged`));
  });

  it("keeps the secrets out of state and output", async () => {
    const printed = stack.transcript.map((entry) => entry.printed).join("\n");
    expect(leakedLines(`${await stack.exported()}\n${printed}`, Object.values(org.secrets))).toEqual([]);
  });
});
