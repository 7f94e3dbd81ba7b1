/**
 * What state keeps of an integration's secrets, through the real `terraform` and `pulumi`: a salted
 * scrypt hash, and no unsalted SHA-256 that whoever reads state could test guesses against, in
 * the state file, `terraform show -json` or `pulumi stack export`. The hash still tells a changed
 * secret from an unchanged one: plans are empty after every apply, and show a changed secret.
 */
import { createHash, randomBytes } from "node:crypto";
import { useEmulator } from "../support/emulator-fixtures";
import { resources } from "../support/hcl";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { useTerraformWorkdirs } from "../support/terraform-workdir";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });
const SALTED = /^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Every unsalted SHA-256 by which state could reveal the secrets: of the whole map, and of each value. */
const unsaltedHashesOf = (secrets: Record<string, string>) => [
  sha256(JSON.stringify(secrets)),
  ...Object.values(secrets).map(sha256),
];

const expectNoUnsaltedHash = (text: string, secrets: Record<string, string>) => {
  for (const hash of unsaltedHashesOf(secrets)) expect(text).not.toContain(hash);
  for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
};

const newSecrets = () => ({ bot_token: `xoxb-${randomBytes(12).toString("hex")}` });
const slack = { type: "slack", config: { team_id: "T0HASH", channel: "#hash" } };

test("terraform: state holds a salted hash of the secrets, and plans stay empty until they change", async () => {
  const orgId = (await ctx.fx.org()).id as string;
  const tf = workdir();
  const declare = (secrets: Record<string, string>) =>
    tf.write(resources({ slack: { type: "scrums_integration", args: { organization_id: orgId, ...slack, secrets } } }));
  const secrets = newSecrets();
  declare(secrets);
  await tf.apply();

  const shown = await tf.resources();
  expect(shown["scrums_integration.slack"]!.values.secrets_hash).toMatch(SALTED);
  expectNoUnsaltedHash(JSON.stringify(shown), secrets);
  expectNoUnsaltedHash(tf.stateFile(), secrets);
  expect((await tf.plan()).code).toBe(0);

  const rotated = newSecrets();
  declare(rotated);
  const planned = await tf.plan();
  expect(planned.code).toBe(2);
  expect(planned.stdout).toMatch(/scrums_integration.slack will be updated in-place/);
  await tf.apply();
  expectNoUnsaltedHash(tf.stateFile(), rotated);
  expect((await tf.plan()).code).toBe(0);
});

test("pulumi: the stack export holds a salted hash of the secrets, and previews stay empty until they change", async () => {
  const orgId = (await ctx.fx.org()).id as string;
  const stack = await pulumi.stack("hashes", api());
  const declare = (secrets: Record<string, string>) =>
    stack.declare({
      resources: { slack: { type: "Integration", args: { organizationId: orgId, ...slack, secrets } } },
    });
  const secrets = newSecrets();
  declare(secrets);
  await stack.up();

  expect((await stack.resources()).slack!.outputs.secretsHash).toMatch(SALTED);
  expectNoUnsaltedHash(await stack.exported(), secrets);
  await stack.preview("--expect-no-changes");

  const rotated = newSecrets();
  declare(rotated);
  expect((await stack.preview()).stdout).toMatch(/~ 1 to update/);
  await stack.up();
  expectNoUnsaltedHash(await stack.exported(), rotated);
  await stack.preview("--expect-no-changes");
});
