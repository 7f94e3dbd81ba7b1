/**
 * Texts of instants to the second, remembering the last one: the requests of one second share it
 * rather than formatting a date each.
 */
class SecondsText {
  private second = NaN;
  private text = "";

  constructor(private readonly format: (date: Date) => string) {}

  of(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.text = this.format(new Date(second * 1000));
    }
    return this.text;
  }
}

/** `2026-12-02T16:30:00Z`: ISO 8601 to the second, as the API writes times (`toISOString` always ends in `.sssZ`). */
const isoSeconds = (date: Date) => `${date.toISOString().slice(0, -5)}Z`;

/** The emulator's clock: real time plus an offset that tests move forward to expire invitations. */
export class Clock {
  private readonly isoText = new SecondsText(isoSeconds);
  private readonly httpText = new SecondsText((date) => date.toUTCString());

  constructor(private offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  iso(): string {
    return this.isoText.of(Date.now() + this.offsetMs);
  }

  /** The time as an HTTP `Date` header writes it. */
  httpDate(): string {
    return this.httpText.of(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

const laterText = new SecondsText(isoSeconds);
let lastAdded = { iso: "", days: NaN, text: "" };

/** `iso` plus whole days; the requests of one second ask for the same instant, so the last answer is kept. */
export function addDays(iso: string, days: number): string {
  if (iso !== lastAdded.iso || days !== lastAdded.days) {
    lastAdded = { iso, days, text: laterText.of(Date.parse(iso) + days * 86_400_000) };
  }
  return lastAdded.text;
}
