/**
 * Cursor pagination over a large organization: 1,000 members invited in bulk, walked page by page
 * while new members join between pages.
 */
import { expectError, detailFields, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

jest.setTimeout(60_000);

const emu = useEmulator();
let org: Json;
/** The user ids that existed before any walk began: the owner and the 1,000 invitations. */
let initial: string[];

beforeAll(async () => {
  org = await emu.fx.org();
  for (let batch = 0; batch < 10; batch++) {
    const invitations = Array.from({ length: 100 }, (_, i) => ({
      email: `m${batch * 100 + i}@big.example.com`,
      role: "viewer",
    }));
    const data = must(
      await emu.client.api("POST", `/v1/orgs/${org.id}/members/bulk`, { body: { invitations } }),
      200,
      `bulk ${batch}`,
    );
    if (data.some((item: Json) => item.status !== "created"))
      throw new Error(`bulk ${batch} refused items: ${JSON.stringify(data)}`);
  }
  initial = (await emu.fx.all(`/v1/orgs/${org.id}/members`)).map((m) => m.user_id);
});

let inserted = 0;
const insertMember = () => emu.fx.invite(org.id, "viewer", `late${++inserted}@big.example.com`);

/** Walks the members list, inviting `insertsPerPage` new members after each page. */
async function walk(limit: number | undefined, insertsPerPage: number) {
  const seen: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = [
      limit === undefined ? null : `limit=${limit}`,
      cursor ? `cursor=${encodeURIComponent(cursor)}` : null,
    ].filter(Boolean);
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members${params.length ? `?${params.join("&")}` : ""}`);
    expect(res.status).toBe(200);
    expect(res.body.meta.has_more).toBe(res.body.meta.cursor !== null);
    seen.push(...res.body.data.map((m: Json) => m.user_id));
    pageSizes.push(res.body.data.length);
    cursor = res.body.meta.cursor;
    for (let i = 0; i < insertsPerPage; i++) await insertMember();
    if (++pages > 100) throw new Error("the walk does not end");
  } while (cursor !== null);
  return { seen, pageSizes };
}

test("the bulk invitations made 1,000 invited members plus the owner", () => {
  expect(initial).toHaveLength(1001);
  expect(new Set(initial).size).toBe(1001);
});

test("walking with limit 200 while members are inserted between pages repeats no member and misses none that existed", async () => {
  const { seen, pageSizes } = await walk(200, 3);
  expect(new Set(seen).size).toBe(seen.length);
  const seenSet = new Set(seen);
  expect(initial.filter((id) => !seenSet.has(id))).toEqual([]);
  expect(pageSizes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(pageSizes.every((size) => size <= 200)).toBe(true);
});

test("walking with the default limit gives pages of 50 and the same guarantees", async () => {
  const { seen, pageSizes } = await walk(undefined, 1);
  expect(pageSizes[0]).toBe(50);
  expect(pageSizes.every((size) => size <= 50)).toBe(true);
  expect(new Set(seen).size).toBe(seen.length);
  const seenSet = new Set(seen);
  expect(initial.filter((id) => !seenSet.has(id))).toEqual([]);
});

test("the walk returns members in a stable order: two walks without inserts agree", async () => {
  const first = await walk(200, 0);
  const second = await walk(137, 0);
  expect(second.seen).toEqual(first.seen);
});

test("the last page has cursor null and has_more false", async () => {
  const res = await emu.client.api(
    "GET",
    `/v1/orgs/${org.id}/members?limit=200&cursor=${encodeURIComponent(await lastCursor())}`,
  );
  expect(res.status).toBe(200);
  expect(res.body.meta).toEqual({ cursor: null, has_more: false });
});

async function lastCursor(): Promise<string> {
  let cursor: string | null = null;
  let previous = "";
  do {
    const res: Json = await emu.client.api(
      "GET",
      `/v1/orgs/${org.id}/members?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (res.body.meta.cursor) previous = res.body.meta.cursor;
    cursor = res.body.meta.cursor;
  } while (cursor);
  return previous;
}

test.each([["0"], ["201"], ["-1"], ["1.5"], ["ten"], [""]])(
  "limit=%s is refused with 422 validation_failed naming limit",
  async (limit) => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members?limit=${limit}`);
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["limit"]);
  },
);

test("limit 1 and limit 200 are accepted", async () => {
  expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members?limit=1`)).body.data).toHaveLength(1);
  expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members?limit=200`)).body.data).toHaveLength(200);
});

test.each([["garbage"], ["c1.!!!"], ["c1.bm90LWEtbnVtYmVy"], ["c1."], ["c1.LTU"]])(
  "cursor %s is refused with 422 invalid_cursor",
  async (cursor) => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members?cursor=${encodeURIComponent(cursor)}`);
    expectError(res, 422, "invalid_cursor");
    expect(detailFields(res)).toEqual(["cursor"]);
  },
);

test("an unknown query parameter is refused with 422 validation_failed naming it", async () => {
  const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members?limit=10&page=2`);
  expectError(res, 422, "validation_failed");
  expect(detailFields(res)).toEqual(["page"]);
});

test("the organizations list pages too", async () => {
  for (let i = 0; i < 4; i++) await emu.fx.org();
  const page = await emu.client.api("GET", "/v1/orgs?limit=2");
  expect(page.status).toBe(200);
  expect(page.body.data).toHaveLength(2);
  expect(page.body.meta.has_more).toBe(true);
  const next = await emu.client.api("GET", `/v1/orgs?limit=2&cursor=${encodeURIComponent(page.body.meta.cursor)}`);
  expect(next.body.data).toHaveLength(2);
  expect(next.body.data.map((o: Json) => o.id)).not.toContain(page.body.data[0].id);
  expect(next.body.data.map((o: Json) => o.id)).not.toContain(page.body.data[1].id);
});
