/**
 * The emulator's replay table, read from its SQLite file: a SCIM token, which the platform shows
 * once and keeps only hashed, is nowhere in the store, yet a replay of the request that issued it
 * still answers the first response.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { unique } from "../../support/emulator-client";
import { useEmulator } from "../../support/emulator-fixtures";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "scrums-emulator-replays-"));
const emu = useEmulator({ dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every value of every row of every table, as text. */
function storeContents(): string {
  const db = new DatabaseSync(path.join(dataDir, "scrums-emulator.db"), { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
  } finally {
    db.close();
  }
}

test("a SCIM token is kept nowhere in the store, and the request that issued it still replays", async () => {
  const domain = await emu.fx.verifiedDomain((await emu.fx.org()).id);
  const domainPath = `/v1/orgs/${domain.organization_id}/domains/${domain.id}`;
  expect((await emu.client.api("PATCH", domainPath, { body: { scim_enabled: true } })).status).toBe(200);
  const key = unique("scim");
  const issue = () => emu.client.api("POST", `${domainPath}/scim/token`, { headers: { "idempotency-key": key } });

  const first = await issue();
  expect(first.status).toBe(201);
  const token = first.body.data.token as string;
  expect(storeContents()).toContain(domain.id);
  expect(storeContents()).not.toContain(token);
  expect(storeContents()).not.toContain(key);

  const again = await issue();
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(again.body).toEqual(first.body);
});
