/**
 * Ties a process to the one that started it. A plugin (the Terraform provider, Pulumi's dynamic
 * provider) or a test's emulator whose parent dies without shutting it down is re-parented, and
 * would otherwise go on working for a run no one is waiting for. Two signals tell: the parent pid
 * changes (every launcher that execs us), and the engine's gRPC server, when we know its address,
 * refuses connections (a launcher that stays in between, as a shell script without `exec` does).
 * Terraform hands the provider its own stdin, so stdin's end tells nothing.
 */
import { connect } from "node:net";

/** How often the parent pid is read: cheap, and well inside the second a stopped run may take to quiet down. */
const PARENT_POLL_MS = 200;
/** How often the engine's address is tried: a refused loopback connection is answered at once. */
const PEER_POLL_MS = 400;

/** Calls `whenGone` once, soon after the process that started this one has exited. */
export function onParentExit(whenGone: () => void, pollMs = PARENT_POLL_MS): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    whenGone();
  }, pollMs);
  timer.unref();
}

/** Calls `whenGone` once, soon after nothing listens at `address` (`host:port`) any more. */
export function onPeerExit(address: string, whenGone: () => void, pollMs = PEER_POLL_MS): void {
  const separator = address.lastIndexOf(":");
  const target = { host: address.slice(0, separator), port: Number(address.slice(separator + 1)) };
  const timer = setInterval(() => {
    const probe = connect(target);
    probe.once("connect", () => probe.destroy());
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNREFUSED") return;
      clearInterval(timer);
      whenGone();
    });
  }, pollMs);
  timer.unref();
}

/**
 * An engine's stop switch: once the parent, or the `peer` address when given, is gone, the signal
 * aborts, so that nothing is sent any more (see `ClientOptions.signal`) even by code that runs on
 * the way out, and the process exits. Nothing is printed: whoever read this process's output is gone.
 */
export function stopWhenOrphaned(who: string, peer?: string): AbortSignal {
  const controller = new AbortController();
  const stop = (reason: string) => {
    controller.abort(new Error(`${who} stopped: ${reason}`));
    process.exit(1);
  };
  onParentExit(() => stop("the process that started it has exited"));
  if (peer) onPeerExit(peer, () => stop(`the engine at ${peer} has gone`));
  return controller.signal;
}
