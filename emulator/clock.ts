/** `2026-12-02T16:30:00Z`: ISO 8601 to the second, as the API writes times (`toISOString` always ends in `.sssZ`). */
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, -5)}Z`;

/** The emulator's clock: real time plus an offset that tests move forward to expire invitations. */
export class Clock {
  constructor(private offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  iso(): string {
    return isoSeconds(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

export const addDays = (iso: string, days: number) => isoSeconds(Date.parse(iso) + days * 86_400_000);
