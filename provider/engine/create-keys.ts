import { createHash } from "node:crypto";

/**
 * The Idempotency-Key of each create. A key names one declaration's create, so that two identical
 * declarations make two objects while a create sent again after a crash gets its object back:
 *
 * - A front end that knows which declaration it creates (Pulumi's URN) passes that identity, and
 *   the key is the same in every run for that declaration alone.
 * - One that does not (Terraform's protocol never says which block a create is for) counts identical
 *   creates: the first create of a body in a run is its ordinal 0, the second its ordinal 1. A run
 *   that dies and runs again sends the same creates, so each gets an object back, and no two
 *   declarations of one run share one.
 */
export class CreateKeys {
  private readonly sent = new Map<string, number>();

  next(path: string, body: unknown, declaration: string | undefined): string {
    const request = `${path}\n${declaration ?? ""}\n${JSON.stringify(body)}`;
    const ordinal = this.sent.get(request) ?? 0;
    this.sent.set(request, ordinal + 1);
    return createHash("sha256").update(`scrums-iac create\n${request}\n${ordinal}`).digest("hex");
  }
}
