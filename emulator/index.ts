/**
 * The platform API emulator as a library: `start()` serves the API of `design/api.md` on a port
 * of this machine, from memory, written through to SQLite on disk when given a data directory, until `close()`.
 */
import { Database } from "./store/database";
import { Counters, Faults } from "./faults";
import { buildServer } from "./server";
import { World } from "./world";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where the store lives; in memory when absent. */
  dataDir?: string;
  /** Receives one human-readable line per request; silent when absent. */
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  bodyLimit?: number;
  /**
   * Checks every answer against its route's response schema and fails the request (500) when one
   * drifts from the contract. On by default, so every test catches drift; the CLI turns it off,
   * as it costs a zod parse per answer (the Schemathesis run checks the CLI's answers against openapi.json).
   */
  checkAnswers?: boolean;
}

export interface RunningEmulator {
  url: string;
  /** An unscoped service token of the emulator's admin user. */
  token: string;
  /** The token for `/_emulator/*` control endpoints. */
  controlToken: string;
  /** The admin user's id, owner of what the bootstrap token creates. */
  userId: string;
  close(): Promise<void>;
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const db = new Database(options.dataDir ?? null);
  const world = new World(db);
  const bootstrap = db.transaction(() => world.bootstrap());
  let url = "";
  const server = buildServer({
    world,
    faults: new Faults(),
    counters: new Counters(),
    controlToken: bootstrap.control_token,
    baseUrl: () => url,
    log: options.log ?? (() => {}),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    checkAnswers: options.checkAnswers ?? true,
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    token: bootstrap.token,
    controlToken: bootstrap.control_token,
    userId: bootstrap.user_id,
    close: async () => {
      // Connections still open, idle or not, are cut: a test's emulator stops at once.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      db.close();
    },
  };
}
