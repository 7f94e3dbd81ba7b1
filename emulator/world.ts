import { randomBytes } from "node:crypto";
import { ID_PREFIX, type IdKind } from "../provider/model/api";
import { Clock } from "./clock";
import type { Database } from "./store/database";
import { Records } from "./store/records";
import type { TokenKind, TokenRecord, UserRecord } from "./records-types";

/** The emulated platform's state, and the small services every handler needs. */
export class World {
  readonly records: Records;
  readonly clock: Clock;

  constructor(readonly db: Database) {
    this.records = new Records(db);
    this.clock = new Clock(this.setting<number>("clock_offset_ms") ?? 0);
  }

  /** A new id such as `ORG-26-000001`, numbered per kind. */
  newId(kind: IdKind): string {
    const prefix = ID_PREFIX[kind];
    const year = this.clock.iso().slice(2, 4);
    return `${prefix}-${year}-${String(this.records.nextCounter(`id:${prefix}`)).padStart(6, "0")}`;
  }

  /** Unique keys (slugs, emails, domain names) map to the id that holds them. */
  indexed(key: string): string | null {
    return this.records.get<string>("index", key)?.body ?? null;
  }

  index(key: string, id: string): void {
    this.records.insert("index", key, null, id);
  }

  unindex(key: string): void {
    this.records.remove("index", key);
  }

  setting<T>(name: string): T | undefined {
    return this.records.get<T>("setting", name)?.body;
  }

  setSetting<T>(name: string, value: T): void {
    if (this.records.get("setting", name)) this.records.update("setting", name, value);
    else this.records.insert("setting", name, null, value);
  }

  advanceClock(seconds: number): void {
    this.clock.advance(seconds);
    this.setSetting("clock_offset_ms", this.clock.offset);
  }

  /**
   * The emulator's own admin user, its unscoped service token and the control token: made once,
   * kept across restarts and resets so scripts can hold on to them.
   */
  bootstrap(): Bootstrap {
    const existing = this.setting<Bootstrap>("bootstrap");
    if (existing) return existing;
    const user = this.userByEmail(BOOTSTRAP_EMAIL, "Emulator Admin");
    const bootstrap: Bootstrap = {
      user_id: user.id,
      token: this.mintToken({
        kind: "service",
        user_id: user.id,
        organization_id: null,
        workspace_id: null,
        sso_session: false,
      }),
      control_token: this.mintToken({
        kind: "control",
        user_id: null,
        organization_id: null,
        workspace_id: null,
        sso_session: false,
      }),
    };
    this.setSetting("bootstrap", bootstrap);
    return bootstrap;
  }

  /** Forgets every object but the bootstrap identity, and sets the clock back to real time. */
  reset(): void {
    const bootstrap = this.bootstrap();
    this.records.removeAllBut([
      ["setting", "bootstrap"],
      ["user", bootstrap.user_id],
      ["index", emailKeyOf(BOOTSTRAP_EMAIL)],
      ["token", bootstrap.token],
      ["token", bootstrap.control_token],
    ]);
    this.db.tables.removeReplays();
    this.clock.advance(-this.clock.offset / 1000);
  }

  user(id: string): UserRecord | null {
    return this.records.get<UserRecord>("user", id)?.body ?? null;
  }

  /** The user with this email, if any: emails are compared in lower case. */
  userWithEmail(email: string): UserRecord | null {
    const id = this.indexed(emailKeyOf(email));
    return id === null ? null : this.user(id);
  }

  /**
   * The user with this email, made on first sight: invitations create users. `name` is the user's
   * own profile name; what an inviting organization calls them is kept on that membership.
   */
  userByEmail(email: string, name: string | null = null): UserRecord {
    return this.userWithEmail(email) ?? this.addUser(email, name);
  }

  /** A new user, for an email no user has. */
  addUser(email: string, name: string | null = null): UserRecord {
    const user: UserRecord = { id: this.newId("user"), email: email.toLowerCase(), name };
    this.records.insert("user", user.id, null, user);
    this.index(emailKeyOf(email), user.id);
    return user;
  }

  mintToken(record: TokenRecord): string {
    const token = `scr_${tokenPrefix[record.kind]}_${randomBytes(24).toString("hex")}`;
    this.records.insert("token", token, null, record);
    return token;
  }

  token(token: string): TokenRecord | null {
    return this.records.get<TokenRecord>("token", token)?.body ?? null;
  }
}

export interface Bootstrap {
  user_id: string;
  token: string;
  control_token: string;
}

const BOOTSTRAP_EMAIL = "admin@emulator.scrums.dev";

const emailKeyOf = (email: string) => `user-email:${email.toLowerCase()}`;

const tokenPrefix: Record<TokenKind, string> = { user: "usr", service: "svc", control: "ctl" };
