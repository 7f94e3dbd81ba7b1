export const REDACTED = "[redacted]";

/**
 * Remembers secret values (tokens, certificates, integration secrets) and scrubs them from any
 * text before it reaches a log line or an error message.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: Array<string | undefined>): void {
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}
