/**
 * Hands Pulumi the parts of a diff that the dynamic-provider host drops.
 *
 * Pulumi runs dynamic resources in its `pulumi-resource-pulumi-nodejs` plugin, which is the
 * `cmd/dynamic-provider` of the program's own @pulumi/pulumi. Its Diff handler copies only
 * `changes`, `replaces` and `deleteBeforeReplace` from the provider's answer into the gRPC
 * DiffResponse, so the engine gets no detailed diff (`preview --json` shows `detailedDiff: null`)
 * and no stable keys. This module, loaded in that process, fills them into the response itself:
 * the host reads `changes` of the answer and, in the same synchronous step, calls `setChanges` on
 * its response; a getter on `changes` hands the extras to a wrapped `setChanges`, which sets them.
 * Nothing runs between the two, so concurrent diffs cannot mix. Where the host is not that module
 * (another runner, a future layout), nothing is wrapped and the answer carries the extras as plain
 * properties (`stables` is part of `pulumi.dynamic.DiffResult`).
 *
 * Stables do not make outputs known in a preview: the engine keeps them with the update step but
 * uses them nowhere, and a provider that cannot preview (this host declares no `supportsPreview`)
 * previews an update as its new inputs. See `readFromId` in ./resources for what does.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { DiffAnswer } from "./steps";

/** What the host drops of a diff's answer (see `DiffAnswer`). */
export type DiffExtras = Pick<DiffAnswer, "stables" | "detailedDiff">;

interface PropertyDiffMessage {
  setKind(kind: number): PropertyDiffMessage;
  setInputdiff(inputDiff: boolean): PropertyDiffMessage;
}

interface DiffResponseMessage {
  setChanges(changes: number): unknown;
  setStablesList(keys: string[]): unknown;
  setDiffsList(keys: string[]): unknown;
  getDetaileddiffMap(): { set(key: string, value: PropertyDiffMessage): unknown };
  setHasdetaileddiff(has: boolean): unknown;
}

interface ProviderProto {
  DiffResponse: { prototype: DiffResponseMessage };
  PropertyDiff: { new (): PropertyDiffMessage; Kind: Record<string, number> };
}

const WRAPPED = Symbol.for("scrums-iac.diffExtras");

let handedOver: DiffExtras | undefined;

/** The protobuf module of the host that loaded this process, when that host is Pulumi's dynamic-provider server. */
function hostProto(): ProviderProto | undefined {
  const main = require.main?.filename;
  if (!main || path.basename(path.dirname(main)) !== "dynamic-provider") return undefined;
  try {
    return createRequire(main)("../../proto/provider_pb") as ProviderProto;
  } catch {
    return undefined;
  }
}

function fill(response: DiffResponseMessage, extras: DiffExtras, proto: ProviderProto): void {
  response.setStablesList(extras.stables);
  response.setDiffsList(Object.keys(extras.detailedDiff));
  const map = response.getDetaileddiffMap();
  for (const [key, change] of Object.entries(extras.detailedDiff)) {
    const kind = proto.PropertyDiff.Kind[`${change.kind.toUpperCase()}${change.replace ? "_REPLACE" : ""}`]!;
    map.set(key, new proto.PropertyDiff().setKind(kind).setInputdiff(change.inputDiff));
  }
  response.setHasdetaileddiff(true);
}

/** Wraps the host's `setChanges` once per process; false when the host is not Pulumi's dynamic-provider server. */
function wrapHost(): boolean {
  const proto = hostProto();
  const prototype = proto?.DiffResponse.prototype as (DiffResponseMessage & { [WRAPPED]?: true }) | undefined;
  if (!proto || !prototype || typeof prototype.setChanges !== "function") return false;
  if (prototype[WRAPPED]) return true;
  const setChanges = prototype.setChanges;
  prototype.setChanges = function (this: DiffResponseMessage, changes: number) {
    const result = setChanges.call(this, changes);
    const extras = handedOver;
    handedOver = undefined;
    if (extras) fill(this, extras, proto);
    return result;
  };
  prototype[WRAPPED] = true;
  return true;
}

let hostWrapped: boolean | undefined;

/** A diff answer for the host that also carries `extras` to Pulumi's engine. */
export function withExtras<T extends { changes: boolean }>(answer: T, extras: DiffExtras): T & DiffExtras {
  hostWrapped ??= wrapHost();
  const plain = { ...answer, ...extras };
  if (!hostWrapped) return plain;
  return Object.defineProperty(plain, "changes", {
    enumerable: true,
    get() {
      handedOver = extras;
      // Whatever the host does next, the extras never outlive the step that read them.
      queueMicrotask(() => {
        if (handedOver === extras) handedOver = undefined;
      });
      return answer.changes;
    },
  });
}
