/**
 * Warnings shown under the resource they concern. Pulumi files whatever the dynamic-provider process
 * writes to stderr under the stack; its engine's Log service, at the address Pulumi passes that
 * process as its first argument, files a message under the resource whose URN it names. The
 * dynamic-provider host does not hand provider calls the URN, so each resource carries its own (see
 * URN_KEY) and each call runs on its behalf.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

interface Call {
  urn: string;
  /** Messages not yet acknowledged: the call answers Pulumi only once they are filed. */
  sent: Promise<void>[];
}

const calls = new AsyncLocalStorage<Call>();
let engine: EngineClient | undefined;

/** The Pulumi engine's address, which Pulumi passes its dynamic-provider process on the command line. */
export const engineAddress = () => process.argv.slice(2).find((arg) => /^[\w.-]+:\d+$/.test(arg));

/** Runs one provider call on behalf of the resource `urn`, if known, so its warnings are shown under it. */
export async function onBehalfOf<T>(urn: unknown, work: () => Promise<T>): Promise<T> {
  if (typeof urn !== "string" || !engineAddress()) return work();
  const call: Call = { urn, sent: [] };
  try {
    return await calls.run(call, work);
  } finally {
    await Promise.all(call.sent);
  }
}

/** A warning under the resource of the current call; on stderr, under the stack, outside any. */
export function warn(message: string): void {
  const call = calls.getStore();
  const address = engineAddress();
  if (!call || !address) {
    process.stderr.write(`warning: ${message}\n`);
    return;
  }
  engine ??= new EngineClient(address, grpc.credentials.createInsecure());
  const request = new LogRequest().setSeverity(LogSeverity.WARNING).setMessage(message).setUrn(call.urn);
  call.sent.push(
    new Promise((resolve) =>
      engine!.log(request, (error) => {
        if (error) process.stderr.write(`warning: ${message}\n`);
        resolve();
      }),
    ),
  );
}
