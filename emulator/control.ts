/**
 * `/_emulator/*`: what the real platform does out of band (a user accepting an invitation, DNS
 * answering a verification, Service Lines starting), plus tokens, faults, counters and reset for
 * tests. Guarded by the control token; never part of the public contract.
 */
import { z } from "zod";
import { DomainId, Email, OrganizationId, UserId, WorkspaceId } from "../provider/model/api";
import { ApiError, notFound, validationError } from "./errors";
import { FaultRuleInput } from "./faults";
import type { DomainRecord, OrgMemberRecord, WorkspaceRecord } from "./records-types";
import type { ServerParts } from "./server";
import { verificationRecordName } from "./handlers/domains";

const MintToken = z
  .strictObject({
    kind: z.enum(["user", "service"]),
    user_id: UserId.optional(),
    email: Email.optional(),
    organization_id: OrganizationId.optional(),
    workspace_id: WorkspaceId.optional(),
    sso_session: z.boolean().default(false),
  })
  .refine((v) => (v.user_id === undefined) !== (v.email === undefined), {
    message: "give exactly one of user_id and email",
    path: ["user_id"],
  });

const AcceptInvitation = z.strictObject({ organization_id: OrganizationId, user_id: UserId });
const ServiceLines = z.strictObject({ active: z.int().min(0).max(10_000) });
const Settings = z.strictObject({ auto_verify_domains: z.boolean() });
const CENTURY_S = 100 * 365 * 86_400;
const AdvanceClock = z.strictObject({
  seconds: z
    .int()
    .min(1)
    .max(CENTURY_S, { error: `must be at most ${CENTURY_S} (100 years)` }),
});
/** The last instant an RFC 3339 timestamp (four-digit year) can show. */
const LAST_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** What a control endpoint is given: the path's parameters and the JSON body. */
export interface ControlCall {
  params: Record<string, string>;
  body: unknown;
}

/** A control endpoint's answer: its status and body as sent (no body for 204). */
export interface ControlAnswer {
  status: number;
  body?: unknown;
}

export interface ControlRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** Open to anyone; every other control endpoint needs the control token. */
  open?: boolean;
  handle: (call: ControlCall) => ControlAnswer;
}

export function checkControlToken(parts: ServerParts, authorization: string | undefined): void {
  if (authorization !== `Bearer ${parts.controlToken}`) {
    throw new ApiError(401, "unauthorized", "Control endpoints need the emulator's control token");
  }
}

const ok = (data: unknown, status = 200): ControlAnswer => ({ status, body: { data } });
/** An endpoint that does `work` and answers 204. */
const noContentAfter = (work: () => void) => (): ControlAnswer => {
  work();
  return { status: 204 };
};

export function controlRoutes(parts: ServerParts): ControlRoute[] {
  const { world } = parts;
  const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw validationError("request body", parsed.error);
    return parsed.data;
  };
  const write = <T>(work: () => T) => world.db.transaction(work);

  return [
    { method: "GET", path: "/_emulator/health", open: true, handle: () => ({ status: 200, body: { ok: true } }) },

    {
      method: "POST",
      path: "/_emulator/tokens",
      handle: ({ body }) => {
        const input = parse(MintToken, body);
        const token = write(() => {
          const user = input.email ? world.userByEmail(input.email) : world.user(input.user_id!);
          if (!user) throw notFound(`User ${input.user_id}`);
          const minted = world.mintToken({
            kind: input.kind,
            user_id: user.id,
            organization_id: input.organization_id ?? null,
            workspace_id: input.workspace_id ?? null,
            sso_session: input.sso_session,
          });
          return { token: minted, user_id: user.id };
        });
        return ok(token, 201);
      },
    },

    {
      method: "POST",
      path: "/_emulator/invitations/accept",
      handle: ({ body }) => {
        const input = parse(AcceptInvitation, body);
        return write(() => {
          const key = `${input.organization_id}/${input.user_id}`;
          const member = world.records.get<OrgMemberRecord>("org_member", key);
          if (!member) throw notFound(`Invitation of ${input.user_id} to ${input.organization_id}`);
          if (member.body.status === "active") return ok(member.body);
          if (member.body.expires_at && member.body.expires_at < world.clock.iso()) {
            throw new ApiError(409, "invitation_expired", "This invitation lapsed; resend it first");
          }
          const joined = { ...member.body, status: "active" as const, joined_at: world.clock.iso(), expires_at: null };
          world.records.update("org_member", key, joined);
          return ok(joined);
        });
      },
    },

    {
      method: "POST",
      path: "/_emulator/domains/:domain_id/publish-txt",
      handle: ({ params }) => {
        const id = DomainId.safeParse(params.domain_id);
        const domain = id.success ? world.records.get<DomainRecord>("domain", id.data) : null;
        if (!domain) throw notFound(`Domain ${params.domain_id}`);
        write(() =>
          world.setSetting(`dns:${verificationRecordName(domain.body.domain)}`, domain.body.verification_value),
        );
        return ok({ published: true });
      },
    },

    {
      method: "PUT",
      path: "/_emulator/settings",
      handle: ({ body }) => {
        const input = parse(Settings, body);
        write(() => world.setSetting("auto_verify_domains", input.auto_verify_domains));
        return ok(input);
      },
    },

    {
      method: "PUT",
      path: "/_emulator/workspaces/:ws_id/service-lines",
      handle: ({ params, body }) => {
        const input = parse(ServiceLines, body);
        return write(() => {
          const ws = WorkspaceId.safeParse(params.ws_id).success
            ? world.records.get<WorkspaceRecord>("workspace", params.ws_id!)
            : null;
          if (!ws) throw notFound(`Workspace ${params.ws_id}`);
          world.records.update("workspace", ws.id, { ...ws.body, active_service_lines: input.active });
          return ok({ active_service_lines: input.active });
        });
      },
    },

    {
      method: "POST",
      path: "/_emulator/clock",
      handle: ({ body }) => {
        const input = parse(AdvanceClock, body);
        if (world.clock.now().getTime() + input.seconds * 1000 > LAST_TIMESTAMP_MS) {
          throw new ApiError(422, "validation_failed", "The clock cannot move past the year 9999", [
            { field: "seconds", issue: "would move the clock past 9999-12-31" },
          ]);
        }
        write(() => world.advanceClock(input.seconds));
        return ok({ now: world.clock.iso() });
      },
    },

    {
      method: "POST",
      path: "/_emulator/faults",
      handle: ({ body }) => ok(parts.faults.add(parse(FaultRuleInput, body)), 201),
    },
    { method: "GET", path: "/_emulator/faults", handle: () => ok(parts.faults.list()) },
    { method: "DELETE", path: "/_emulator/faults", handle: noContentAfter(() => parts.faults.clear()) },

    { method: "GET", path: "/_emulator/requests", handle: () => ok(parts.counters.snapshot()) },
    { method: "DELETE", path: "/_emulator/requests", handle: noContentAfter(() => parts.counters.reset()) },

    {
      method: "POST",
      path: "/_emulator/reset",
      handle: noContentAfter(() => {
        write(() => world.reset());
        parts.faults.clear();
        parts.counters.reset();
      }),
    },
  ];
}
