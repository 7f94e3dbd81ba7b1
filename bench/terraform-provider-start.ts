/**
 * How long Terraform waits for the provider at each launch: from spawning it (as Terraform does, with
 * the magic cookie and a client certificate) to its handshake line, on the same run, for the release's
 * standalone executable, the launcher `scrums-iac terraform install` writes where there is no release
 * (sh, then Node on the compiled provider), and a minimal Node process printing one line. Beside each
 * median wall time, the median CPU time the process used up to its handshake (steadier on a busy
 * machine), and for the providers the time from spawn to the answer of Terraform's first call,
 * GetProviderSchema, so work put off until after the handshake still counts. Prints medians and one
 * JSON line. Run after `npm run build` and `npm run release -- --platform linux-x64`:
 *   npx ts-node --transpile-only bench/terraform-provider-start.ts
 */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { packageVersion, RELEASE_DIR } from "../cli/package";
import { installLauncher, platform } from "../provider/terraform/install";
import { CLIENT_CERTIFICATE, MINIMAL_NODE, startSamples, TERRAFORM_PROVIDER } from "./support/start-time";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/** The release's executable for this machine, unzipped into `dir`. */
function standaloneExecutable(dir: string, version: string): string {
  const zip = path.join(RELEASE_DIR, `terraform-provider-scrums_${version}_${platform()}.zip`);
  execFileSync("unzip", ["-q", zip, "-d", dir]);
  return path.join(dir, readdirSync(dir)[0]!);
}

/** Terraform's first call once the handshake is read: connect over mutual TLS and fetch the provider's schema. */
async function firstSchema(handshake: string): Promise<void> {
  const [, , , address, , certificate] = handshake.split("|");
  const serverPem = new X509Certificate(Buffer.from(certificate!, "base64")).toString();
  const credentials = grpc.credentials.createSsl(
    Buffer.from(serverPem),
    Buffer.from(CLIENT_CERTIFICATE.privateKeyPem),
    Buffer.from(CLIENT_CERTIFICATE.certificatePem),
  );
  const client = new grpc.Client(address!, credentials, { "grpc.ssl_target_name_override": "localhost" });
  try {
    const schema = await new Promise<Buffer>((resolve, reject) =>
      client.makeUnaryRequest(
        "/tfplugin6.Provider/GetProviderSchema",
        () => Buffer.alloc(0),
        (bytes: Buffer) => bytes,
        {},
        (error, response) => (error ? reject(error) : resolve(response!)),
      ),
    );
    if (!schema.includes("scrums_organization")) throw new Error("GetProviderSchema answered without the resources");
  } finally {
    client.close();
  }
}

async function main() {
  const version = packageVersion();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-bench-"));
  let times;
  try {
    const [launcher] = installLauncher(path.join(scratch, "mirror"), version, TERRAFORM_PROVIDER[1]!).files;
    times = await startSamples(
      {
        standalone: [standaloneExecutable(path.join(scratch, "release"), version)],
        launcher: [launcher!],
        node: MINIMAL_NODE,
      },
      RUNS,
      { standalone: firstSchema, launcher: firstSchema },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const show = (name: keyof typeof times) =>
    `${times[name].wall} ms (CPU ${times[name].cpu} ms)` +
    (times[name].then ? `, to first schema ${times[name].then} ms (CPU ${times[name].thenCpu} ms)` : "");
  console.log(`standalone executable to handshake: ${show("standalone")}, median of ${RUNS}`);
  console.log(`launcher (sh, node) to handshake:   ${show("launcher")}`);
  console.log(`minimal Node process:               ${show("node")}`);
  console.log(
    `load average: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")}`,
  );
  console.log(JSON.stringify({ ...times, runs: RUNS }));
}

void main();
