import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ScrumsClient } from "../provider/client/client";
import { discover, type Format, FORMATS } from "../provider/discover";
import { summary } from "../provider/discover/summary";

const HELP = `Usage: scrums-iac discover --organization <ORG-… or slug> --format <format> --out <dir> [--workspace <WS-… or slug>]…

Reads an organization through the API (list endpoints only; it never writes) and writes it as code,
with what it takes to adopt it: import blocks (hcl), importFrom (cdktf), the import option (pulumi-*).

  --organization  the organization's id or slug
  --format        ${FORMATS.join(", ")}
  --out           the directory to write into (made when missing; files of the same names are replaced)
  --workspace     only this workspace, with its members and integrations (repeatable)
  --api-url       the API's address (default SCRUMS_API_URL); the token is read from SCRUMS_API_TOKEN
`;

/** A line on stderr at most every this many objects read. */
const PROGRESS_EVERY = 500;

export async function runDiscover(args: string[]): Promise<number | undefined> {
  const { values } = parseArgs({
    args,
    options: {
      organization: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      workspace: { type: "string", multiple: true },
      "api-url": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { organization, format, out } = values;
  if (!organization || !format || !out) {
    process.stderr.write(`scrums-iac discover: --organization, --format and --out are required\n\n${HELP}`);
    return 2;
  }
  if (!FORMATS.includes(format as Format)) {
    process.stderr.write(`scrums-iac discover: --format must be one of ${FORMATS.join(", ")}, not "${format}"\n`);
    return 2;
  }
  const apiUrl = values["api-url"] ?? process.env.SCRUMS_API_URL;
  const token = process.env.SCRUMS_API_TOKEN;
  if (!apiUrl || !token) {
    process.stderr.write("scrums-iac discover: set SCRUMS_API_URL (or --api-url) and SCRUMS_API_TOKEN\n");
    return 2;
  }
  const client = new ScrumsClient({ apiUrl, token });
  let reported = 0;
  try {
    const { graph, files } = await discover(client, format as Format, {
      organization,
      workspaces: values.workspace,
      progress: (read) => {
        if (read - reported < PROGRESS_EVERY) return;
        reported = read;
        process.stderr.write(`discover: ${read} objects read…\n`);
      },
    });
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(out, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    process.stdout.write(summary(graph, format as Format, out));
    return 0;
  } finally {
    await client.close();
  }
}
