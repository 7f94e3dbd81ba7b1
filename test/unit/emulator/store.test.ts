/**
 * The store holds every object in memory and writes it through to its tables: a rollback, or the
 * end of a rehearsal, undoes the memory exactly as it undoes the tables, and a restart on the same
 * data directory sees every committed write and nothing else.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database } from "../../../emulator/store/database";
import { Records } from "../../../emulator/store/records";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "scrums-emulator-store-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Body = { name: string };

const ids = (records: Records, parent?: string) => [...records.all<Body>("workspace", parent)].map((r) => r.id);

const failing = (db: Database, work: () => void) =>
  expect(() =>
    db.transaction(() => {
      work();
      throw new Error("refused");
    }),
  ).toThrow("refused");

describe.each([
  ["in memory", () => null],
  ["in a data directory", () => mkdtempSync(path.join(dataDir, "db-"))],
])("a store %s", (_name, directory) => {
  let db: Database;
  let records: Records;

  beforeEach(() => {
    db = new Database(directory());
    records = new Records(db);
    db.transaction(() => {
      for (const id of ["a", "b", "c"]) records.insert("workspace", id, "org", { name: id });
    });
  });
  afterEach(() => db.close());

  test("a rolled back transaction leaves no insert, update or removal behind, and lists keep their order", () => {
    failing(db, () => {
      records.insert("workspace", "d", "org", { name: "d" });
      records.update("workspace", "a", { name: "renamed" });
      records.remove("workspace", "b");
    });
    expect(ids(records, "org")).toEqual(["a", "b", "c"]);
    expect(records.get<Body>("workspace", "a")).toMatchObject({ version: 1, body: { name: "a" } });
    expect(records.get("workspace", "d")).toBeNull();
  });

  test("a rehearsal is undone while the writes before it stand, and counters resume after the last committed value", () => {
    const before = records.nextCounter("probe");
    db.transaction(() => {
      records.update("workspace", "a", { name: "kept" });
      db.rehearse(() => {
        records.remove("workspace", "a");
        records.insert("workspace", "e", "org", { name: "e" });
        records.nextCounter("probe");
      });
    });
    expect(records.get<Body>("workspace", "a")).toMatchObject({ version: 2, body: { name: "kept" } });
    expect(ids(records)).toEqual(["a", "b", "c"]);
    expect(records.nextCounter("probe")).toBe(before + 1);
  });

  test("removing all but some objects is undone by a rollback", () => {
    failing(db, () => records.removeAllBut([["workspace", "b"]]));
    expect(ids(records, "org")).toEqual(["a", "b", "c"]);
  });

  test("pages walk seq order with a cursor, by parent or over the whole kind", () => {
    db.transaction(() => records.insert("workspace", "x", "other", { name: "x" }));
    const first = records.page<Body>("workspace", "org", 0, 2);
    expect(first.items.map((r) => r.id)).toEqual(["a", "b"]);
    expect(records.page("workspace", "org", first.next!, 2)).toMatchObject({ items: [{ id: "c" }], next: null });
    expect(ids(records)).toEqual(["a", "b", "c", "x"]);
  });

  test("a stored body cannot be changed in place, nor a second object stored under the same id", () => {
    const stored = records.get<Body>("workspace", "a")!;
    expect(() => {
      stored.body.name = "changed";
    }).toThrow(TypeError);
    expect(() => db.transaction(() => records.insert("workspace", "a", "org", { name: "again" }))).toThrow(
      "stored already",
    );
  });
});

test("a restart on the same data directory sees every committed write and none that rolled back", () => {
  const directory = mkdtempSync(path.join(dataDir, "restart-"));
  const first = new Database(directory);
  const records = new Records(first);
  first.transaction(() => {
    records.insert("workspace", "a", "org", { name: "a" });
    records.insert("workspace", "b", "org", { name: "b" });
  });
  first.transaction(() => records.update("workspace", "a", { name: "renamed" }));
  first.transaction(() => records.remove("workspace", "b"));
  failing(first, () => records.insert("workspace", "c", "org", { name: "c" }));
  first.close();

  const second = new Database(directory);
  const reloaded = new Records(second);
  expect([...reloaded.all<Body>("workspace", "org")]).toEqual([
    { id: "a", parent: "org", seq: 1, version: 2, body: { name: "renamed" } },
  ]);
  second.transaction(() => expect(reloaded.insert("workspace", "d", "org", { name: "d" }).seq).toBe(3));
  second.close();
});
