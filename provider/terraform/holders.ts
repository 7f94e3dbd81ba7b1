import { randomUUID } from "node:crypto";

/**
 * Which resource of a configuration holds each object. Terraform never tells a provider which block
 * a call is for, so every resource carries a token of its own in its private state, given when it is
 * created or imported.
 *
 * Two resources of one type holding one object is what a create key cannot rule out: an identical
 * block added while its twin's create is still in the platform's 24-hour replay window is given the
 * twin's object back, exactly as an apply killed before it saved that object is on its next run
 * (see CreateKeys and the README's "Safe retries"). The next plan or refresh that reads both fails
 * here, naming the object, rather than letting destroying one delete the other's object.
 */
export class Holders {
  private readonly byObject = new Map<string, string>();

  /** Private state for a resource just created or imported. */
  static fresh(): Uint8Array {
    return Buffer.from(JSON.stringify({ holder: randomUUID() }));
  }

  /** Records that the resource with this private state holds `id`; the problem when another one does. */
  claim(typeName: string, id: string, privateState: Uint8Array | undefined): string | undefined {
    const holder = holderOf(privateState);
    if (!holder) return undefined;
    const key = `${typeName}\n${id}`;
    const other = this.byObject.get(key);
    if (other === undefined) this.byObject.set(key, holder);
    if (other === undefined || other === holder) return undefined;
    return (
      `${id} is held by two ${typeName} resources of this configuration: the second was declared identical to the first ` +
      "within a day of the first's create, and the platform handed it the same object. Run `terraform state rm` on the newer " +
      "one, then declare it again after that day, or make the two declarations differ"
    );
  }
}

function holderOf(privateState: Uint8Array | undefined): string | undefined {
  if (!privateState?.length) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(privateState).toString("utf8")) as { holder?: unknown };
    return typeof parsed.holder === "string" ? parsed.holder : undefined;
  } catch {
    return undefined;
  }
}
