/** `scrums-iac emulator` as scripts read it: its first line is the JSON line, even with stderr merged into stdout. */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { firstLine } from "../../support/emulator-process";
import { descendants, killAlone, stillRunning } from "../../support/run";

test("with stderr merged into stdout, the first line is the JSON line: no SQLite ExperimentalWarning ahead of it", async () => {
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  const child = spawn("sh", ["-c", `exec "${process.execPath}" "${bin}" emulator --memory --port 0 2>&1`], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    const line = await firstLine(child);
    expect(() => JSON.parse(line)).not.toThrow();
    // The README's promise: the address, a bootstrap service token, a control token and the caller's user id.
    expect(JSON.parse(line)).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      token: expect.stringMatching(/^scr_svc_/),
      control_token: expect.stringMatching(/^scr_ctl_/),
      user_id: expect.stringMatching(/^USR-/),
    });
  } finally {
    child.kill("SIGTERM");
  }
}, 60_000);

test("on a Node.js without node:sqlite (older than 22), it says what it needs and exits 1", async () => {
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  // What Node.js 20 answers for a built-in module it does not have.
  const withoutSqlite = `const get = process.getBuiltinModule; process.getBuiltinModule = (id) => (id === "node:sqlite" ? undefined : get(id));`;
  const script = `${withoutSqlite} require(process.argv[1]);`;
  const child = spawnSync(process.execPath, ["-e", script, "--", bin, "emulator", "--memory", "--port", "0"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(child.stderr).toBe(
    `scrums-iac emulator: the emulator needs node:sqlite, which Node.js has from version 22.13; this is ${process.version}\n`,
  );
  expect(child.status).toBe(1);
}, 60_000);

test("with --exit-with-parent, it exits soon after the process that started it is killed alone", async () => {
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  const startsIt = `require("node:child_process").spawn(process.execPath, process.argv.slice(1), { stdio: ["ignore", "inherit", "ignore"] });`;
  const parent = spawn(
    process.execPath,
    ["-e", startsIt, "--", bin, "emulator", "--memory", "--port", "0", "--exit-with-parent"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  JSON.parse(await firstLine(parent));
  const emulator = descendants(parent.pid!);
  expect(emulator).toHaveLength(1);
  killAlone(parent);
  const deadline = Date.now() + 10_000;
  while (stillRunning(emulator).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(stillRunning(emulator)).toEqual([]);
}, 60_000);
