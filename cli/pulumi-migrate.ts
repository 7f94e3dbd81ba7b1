import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { migration, type StackExport } from "../provider/pulumi/native/migrate";

const HELP = `Usage: scrums-iac pulumi migrate-file <stack export> <import file>

Reads a stack's export (\`pulumi stack export --file stack.json\`) and writes the
file \`pulumi import --file\` takes to hold each dynamic scrums resource as the
native provider's resource of the same name. Prints the URNs of the dynamic
resources, dependents first, to forget with \`pulumi state delete\` before the
import. The README's Pulumi section walks through the whole move.
`;

export async function runPulumiMigrateFile(args: string[]): Promise<number | undefined> {
  const { values, positionals } = parseArgs({
    args,
    options: { help: { type: "boolean", short: "h", default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help || positionals.length !== 2) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const [exportFile, importFile] = positionals as [string, string];
  const { importFile: content, forget } = migration(JSON.parse(readFileSync(exportFile, "utf8")) as StackExport);
  writeFileSync(importFile, `${JSON.stringify(content, null, 2)}\n`);
  process.stdout.write(forget.map((urn) => `${urn}\n`).join(""));
  return 0;
}
