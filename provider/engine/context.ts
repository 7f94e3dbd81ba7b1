import type { ScrumsClient } from "../client/client";
import type { CollectionCache } from "./collections";
import type { CreateKeys } from "./create-keys";

/**
 * Organizations whose SSO enforcement waits for a domain declared in the same run: the organization
 * is applied first (its domains need its id), so the domain that becomes ready turns SSO on.
 */
export class PendingSsoEnforcement {
  private readonly organizations = new Set<string>();

  defer(organizationId: string): void {
    this.organizations.add(organizationId);
  }

  /** Whether SSO enforcement was waiting for this organization; it is no longer pending once asked. */
  take(organizationId: string): boolean {
    return this.organizations.delete(organizationId);
  }
}

/** What every handler works with during one run of a front end. */
export interface EngineContext {
  client: ScrumsClient;
  /** Reads of this run, answered from whole collections. */
  collections: CollectionCache;
  /** Advice for the person running the apply (a step the engine took on their behalf). */
  warn: (message: string) => void;
  pendingSso: PendingSsoEnforcement;
  /** The Idempotency-Key of each create this run sends. */
  createKeys: CreateKeys;
  /** Which declaration the create under way is for, when the front end knows it (Pulumi's URN). */
  declaration?: string;
  /** Sleeps between verification attempts; replaced in unit tests. */
  sleep: (ms: number) => Promise<void>;
}
