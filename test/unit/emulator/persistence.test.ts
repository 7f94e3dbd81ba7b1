/**
 * The on-disk store: a restart on the same data directory keeps every object and the bootstrap
 * tokens, and `kill -9` in the middle of a burst of writes loses none that were acknowledged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { EmulatorClient, startEmulator, unique, type Json } from "../../support/emulator-client";
import { Fixtures, must } from "../../support/emulator-fixtures";

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, "../../..");
const dirs: string[] = [];
const newDataDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "scrums-emulator-test-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Everything an organization holds, as the API lists it. */
async function snapshotOf(fx: Fixtures, orgId: string, wsId: string) {
  return {
    org: (await fx.client.api("GET", `/v1/orgs/${orgId}`)).body,
    orgs: await fx.all("/v1/orgs"),
    members: await fx.all(`/v1/orgs/${orgId}/members`),
    domains: await fx.all(`/v1/orgs/${orgId}/domains`),
    workspaces: await fx.all(`/v1/workspaces?organization_id=${orgId}`),
    wsMembers: await fx.all(`/v1/workspaces/${wsId}/members`),
    integrations: await fx.all(`/v1/integrations?organization_id=${orgId}`),
  };
}

describe("a restart on the same data directory", () => {
  let dataDir: string;
  let first: { token: string; controlToken: string; userId: string; url: string };
  let before: Json;
  let orgId: string;
  let wsId: string;
  let minted: string;
  let secondStartClient: EmulatorClient;
  let closeSecond: () => Promise<void>;

  beforeAll(async () => {
    dataDir = await newDataDir();
    const { emulator, client } = await startEmulator({ dataDir });
    const fx = new Fixtures(client);
    first = { token: emulator.token, controlToken: emulator.controlToken, userId: emulator.userId, url: emulator.url };
    const org = await fx.org({ billing_email: "billing@example.com" });
    orgId = org.id;
    const ws = await fx.workspace(org.id);
    wsId = ws.id;
    const member = await fx.member(org.id, "admin");
    must(
      await client.api("POST", `/v1/workspaces/${ws.id}/members`, { body: { user_id: member.userId, role: "member" } }),
      201,
      "ws member",
    );
    await fx.verifiedDomain(org.id);
    await fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex", webhook_secret: "s3cret" } });
    must(
      await client.api("PUT", `/v1/orgs/${org.id}/address`, {
        body: { line1: "1 Long St", city: "Cape Town", postal_code: "8001", country: "ZA" },
      }),
      200,
      "address",
    );
    minted = member.token;
    before = await snapshotOf(fx, orgId, wsId);
    await emulator.close();

    const second = await startEmulator({ dataDir });
    secondStartClient = second.client;
    closeSecond = () => second.emulator.close();
  });
  afterAll(() => closeSecond?.());

  test("keeps the bootstrap user, service token and control token", () => {
    expect(secondStartClient.token).toBe(first.token);
    expect(secondStartClient.controlToken).toBe(first.controlToken);
    expect(secondStartClient.userId).toBe(first.userId);
  });

  test("serves every object exactly as before", async () => {
    expect(await snapshotOf(new Fixtures(secondStartClient), orgId, wsId)).toEqual(before);
  });

  test("keeps tokens minted before the restart", async () => {
    const res = await secondStartClient.api("GET", `/v1/orgs/${orgId}`, { token: minted });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(orgId);
  });

  test("keeps numbering ids after the ones already issued", async () => {
    const org = await new Fixtures(secondStartClient).org();
    expect(org.id).not.toBe(orgId);
    expect(Number(org.id.slice(-6))).toBeGreaterThan(Number(orgId.slice(-6)));
  });

  test("keeps idempotency keys: a replay after the restart answers the first response", async () => {
    const key = unique("persist-key");
    const body = { workspace_id: wsId, type: "github", config: { org: "apex-idem" } };
    const a = await secondStartClient.api("POST", "/v1/integrations", { headers: { "idempotency-key": key }, body });
    expect(a.status).toBe(201);
    await closeSecond();
    const third = await startEmulator({ dataDir });
    closeSecond = () => third.emulator.close();
    const b = await third.client.api("POST", "/v1/integrations", { headers: { "idempotency-key": key }, body });
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    secondStartClient = third.client;
  });
});

interface Child {
  process: ChildProcess;
  info: { url: string; token: string; controlToken: string; userId: string };
  exited: Promise<number | null>;
}

/** Starts the emulator in a child process and waits for the JSON line it prints once listening. */
async function spawnEmulator(dataDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      "-r",
      "ts-node/register/transpile-only",
      path.join(repoRoot, "test/support/emulator-runner.ts"),
      dataDir,
    ],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json") },
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening:\n${stderr}`)));
  });
  return { process: child, info: JSON.parse(line), exited };
}

describe("kill -9 in the middle of a burst of writes", () => {
  interface Ack {
    kind: "organization" | "workspace" | "integration" | "member";
    path: string;
    body: Json;
  }
  const acks: Ack[] = [];
  let attempted = 0;
  let failedInFlight = 0;
  let dataDir: string;
  let childInfo: Child["info"];
  let orgId: string;
  let child: Child | undefined;

  afterAll(() => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
  });

  beforeAll(async () => {
    dataDir = await newDataDir();
    child = await spawnEmulator(dataDir);
    childInfo = child.info;
    const client = EmulatorClient.of(child.info);
    const fx = new Fixtures(client);
    const org = await fx.org();
    orgId = org.id;
    const ws = await fx.workspace(org.id);

    const creates: (() => Promise<Ack | null>)[] = [
      async () => {
        const res = await client.api("POST", "/v1/orgs", { body: { name: "Burst", slug: unique("burst") } });
        return res.status === 201
          ? { kind: "organization", path: `/v1/orgs/${res.body.data.id}`, body: res.body.data }
          : null;
      },
      async () => {
        const res = await client.api("POST", "/v1/workspaces", {
          body: { organization_id: org.id, name: "Burst", slug: unique("burst") },
        });
        return res.status === 201
          ? { kind: "workspace", path: `/v1/workspaces/${res.body.data.id}`, body: res.body.data }
          : null;
      },
      async () => {
        const res = await client.api("POST", "/v1/integrations", {
          body: { workspace_id: ws.id, type: "github", config: { org: "burst" } },
        });
        return res.status === 201
          ? { kind: "integration", path: `/v1/integrations/${res.body.data.id}`, body: res.body.data }
          : null;
      },
      async () => {
        const res = await client.api("POST", `/v1/orgs/${org.id}/members`, {
          body: { email: `${unique("burst")}@example.com`, role: "viewer" },
        });
        return res.status === 201
          ? { kind: "member", path: `/v1/orgs/${org.id}/members/${res.body.data.user_id}`, body: res.body.data }
          : null;
      },
    ];

    let killed = false;
    const worker = async (n: number) => {
      for (let i = n; !killed; i++) {
        attempted++;
        try {
          const ack = await creates[i % creates.length]!();
          if (ack) acks.push(ack);
          if (acks.length >= 150 && !killed) {
            killed = true;
            child!.process.kill("SIGKILL");
          }
        } catch {
          failedInFlight++;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => worker(n)));
    await child.exited;
  });

  test("the burst was cut with requests still in flight", () => {
    expect(acks.length).toBeGreaterThanOrEqual(150);
    expect(failedInFlight).toBeGreaterThan(0);
    expect(attempted).toBeGreaterThan(acks.length);
  });

  test("after a restart on the same directory, every acknowledged object is there as acknowledged", async () => {
    const { emulator, client } = await startEmulator({ dataDir });
    try {
      expect(client.token).toBe(childInfo.token);
      const missing: string[] = [];
      const changed: string[] = [];
      for (const ack of acks) {
        const res = await client.api("GET", ack.path);
        if (res.status !== 200) {
          missing.push(`${ack.path} → ${res.status}`);
          continue;
        }
        const stable = (o: Json) =>
          ack.kind === "organization" || ack.kind === "workspace"
            ? { id: o.id, name: o.name, slug: o.slug, created_at: o.created_at }
            : o;
        if (JSON.stringify(stable(res.body.data)) !== JSON.stringify(stable(ack.body))) changed.push(ack.path);
      }
      expect(missing).toEqual([]);
      expect(changed).toEqual([]);
      const members = await new Fixtures(client).all(`/v1/orgs/${orgId}/members`);
      expect(members.length).toBeGreaterThanOrEqual(1 + acks.filter((a) => a.kind === "member").length);
    } finally {
      await emulator.close();
    }
  });
});
