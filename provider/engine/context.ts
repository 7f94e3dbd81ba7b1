import type { ScrumsClient } from "../client/client";
import type { CollectionCache } from "./collections";
import type { CreateKeys } from "./create-keys";
import type { DeferredSsoEnforcement } from "./sso-enforcement";

/** What every handler works with during one run of a front end. */
export interface EngineContext {
  client: ScrumsClient;
  /** Reads of this run, answered from whole collections. */
  collections: CollectionCache;
  /** Advice for the person running the apply (a step the engine took on their behalf). */
  warn: (message: string) => void;
  /** SSO enforcements deferred in this run, which a Domain made ready later in the run finishes. */
  pendingSso: DeferredSsoEnforcement;
  /** The Idempotency-Key of each create this run sends. */
  createKeys: CreateKeys;
  /** Which declaration the create under way is for, when the front end knows it (Pulumi's URN). */
  declaration?: string;
  /** Sleeps between verification attempts; replaced in unit tests. */
  sleep: (ms: number) => Promise<void>;
}
