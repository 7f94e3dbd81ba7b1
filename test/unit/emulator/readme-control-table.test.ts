/**
 * The README's table of control endpoints, row by row as written: every method of every row, with the
 * row's example body (its placeholders filled with objects made here), answers 2xx.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/tools";
import { useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

interface Row {
  methods: string[];
  path: string;
  /** The example body as written: JSON, or `{"key", …}` naming the keys only; undefined for "none". */
  body: string | undefined;
}

function controlTable(): Row[] {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((part) => part.startsWith("The emulator\n"))!;
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `") && line.includes("/_emulator/"))
    .map((line) => {
      const [endpoint, body] = line.split(" | ");
      const spans = [...endpoint!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
      const last = spans.pop()!.split(" ");
      return {
        methods: [...spans, last[0]!],
        path: last[1]!,
        body: body!.startsWith("`") ? /`([^`]+)`/.exec(body!)![1] : undefined,
      };
    });
}

test("the README lists every control endpoint, and each answers as its row says", async () => {
  const rows = controlTable();
  expect(rows.map((row) => `${row.methods.join(",")} ${row.path}`)).toEqual([
    "POST /_emulator/tokens",
    "POST /_emulator/invitations/accept",
    "POST /_emulator/domains/{domain_id}/publish-txt",
    "PUT /_emulator/settings",
    "PUT /_emulator/workspaces/{ws_id}/service-lines",
    "POST /_emulator/clock",
    "POST,GET,DELETE /_emulator/faults",
    "GET,DELETE /_emulator/requests",
    "POST /_emulator/reset",
    "GET /_emulator/health",
  ]);

  const org = await emu.fx.org();
  const invited = await emu.fx.invite(org.id, "viewer");
  // The tokens row mints for this address, which the emulator knows once it is invited.
  await emu.fx.invite(org.id, "viewer", "sam@apexdigital.com");
  const known: Record<string, string> = {
    domain_id: (await emu.fx.domain(org.id)).id,
    ws_id: (await emu.fx.workspace(org.id)).id,
    organization_id: org.id,
    user_id: invited.user_id,
  };

  for (const row of rows) {
    const target = row.path.replace(/\{(\w+)\}/g, (_, name: string) => known[name]!).replace("/_emulator", "");
    for (const method of row.methods) {
      const body = method === "POST" || method === "PUT" ? bodyOf(row.body, known) : undefined;
      const token = row.path.endsWith("/health") ? null : undefined;
      const res = await emu.client.control(method, target, body, token);
      if (res.status >= 300)
        throw new Error(`${method} ${row.path} answered ${res.status} ${JSON.stringify(res.body)}`);
      if (row.path.endsWith("/tokens")) expect(Object.keys(res.body.data).sort()).toEqual(["token", "user_id"]);
      if (row.path.endsWith("/health")) expect(res.body).toEqual({ ok: true });
    }
  }
});

/** A row's body: its JSON as written, or, where it only names keys, those keys with the objects made here. */
function bodyOf(written: string | undefined, known: Record<string, string>): unknown {
  if (written === undefined) return undefined;
  try {
    return JSON.parse(written);
  } catch {
    const keys = [...written.matchAll(/"(\w+)"/g)].map((match) => match[1]!);
    return Object.fromEntries(keys.map((key) => [key, known[key]]));
  }
}
