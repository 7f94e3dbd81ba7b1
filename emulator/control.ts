/**
 * `/_emulator/*`: what the real platform does out of band (a user accepting an invitation, DNS
 * answering a verification, Service Lines starting), plus tokens, faults, counters and reset for
 * tests. Guarded by the control token; never part of the public contract.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
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

export function registerControlRoutes(app: FastifyInstance, parts: ServerParts): void {
  const { world } = parts;
  const guard = (request: FastifyRequest) => {
    if (request.headers.authorization !== `Bearer ${parts.controlToken}`) {
      throw new ApiError(401, "unauthorized", "Control endpoints need the emulator's control token");
    }
  };
  const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw validationError("request body", parsed.error);
    return parsed.data;
  };
  const write = <T>(work: () => T) => world.db.transaction(work);

  app.get("/_emulator/health", async () => ({ ok: true }));

  app.post("/_emulator/tokens", async (request, reply) => {
    guard(request);
    const input = parse(MintToken, request.body);
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
    return reply.status(201).send({ data: token });
  });

  app.post("/_emulator/invitations/accept", async (request) => {
    guard(request);
    const input = parse(AcceptInvitation, request.body);
    return write(() => {
      const key = `${input.organization_id}/${input.user_id}`;
      const member = world.records.get<OrgMemberRecord>("org_member", key);
      if (!member) throw notFound(`Invitation of ${input.user_id} to ${input.organization_id}`);
      if (member.body.status === "active") return { data: member.body };
      if (member.body.expires_at && member.body.expires_at < world.clock.iso()) {
        throw new ApiError(409, "invitation_expired", "This invitation lapsed; resend it first");
      }
      const joined = { ...member.body, status: "active" as const, joined_at: world.clock.iso(), expires_at: null };
      world.records.update("org_member", key, joined);
      return { data: joined };
    });
  });

  app.post<{ Params: { domain_id: string } }>("/_emulator/domains/:domain_id/publish-txt", async (request) => {
    guard(request);
    const id = DomainId.safeParse(request.params.domain_id);
    const domain = id.success ? world.records.get<DomainRecord>("domain", id.data) : null;
    if (!domain) throw notFound(`Domain ${request.params.domain_id}`);
    write(() => world.setSetting(`dns:${verificationRecordName(domain.body.domain)}`, domain.body.verification_value));
    return { data: { published: true } };
  });

  app.put("/_emulator/settings", async (request) => {
    guard(request);
    const input = parse(Settings, request.body);
    write(() => world.setSetting("auto_verify_domains", input.auto_verify_domains));
    return { data: input };
  });

  app.put<{ Params: { ws_id: string } }>("/_emulator/workspaces/:ws_id/service-lines", async (request) => {
    guard(request);
    const input = parse(ServiceLines, request.body);
    return write(() => {
      const ws = WorkspaceId.safeParse(request.params.ws_id).success
        ? world.records.get<WorkspaceRecord>("workspace", request.params.ws_id)
        : null;
      if (!ws) throw notFound(`Workspace ${request.params.ws_id}`);
      world.records.update("workspace", ws.id, { ...ws.body, active_service_lines: input.active });
      return { data: { active_service_lines: input.active } };
    });
  });

  app.post("/_emulator/clock", async (request) => {
    guard(request);
    const input = parse(AdvanceClock, request.body);
    if (world.clock.now().getTime() + input.seconds * 1000 > LAST_TIMESTAMP_MS) {
      throw new ApiError(422, "validation_failed", "The clock cannot move past the year 9999", [
        { field: "seconds", issue: "would move the clock past 9999-12-31" },
      ]);
    }
    write(() => world.advanceClock(input.seconds));
    return { data: { now: world.clock.iso() } };
  });

  app.post("/_emulator/faults", async (request, reply) => {
    guard(request);
    return reply.status(201).send({ data: parts.faults.add(parse(FaultRuleInput, request.body)) });
  });
  app.get("/_emulator/faults", async (request) => {
    guard(request);
    return { data: parts.faults.list() };
  });
  app.delete("/_emulator/faults", async (request, reply) => {
    guard(request);
    parts.faults.clear();
    return reply.status(204).send();
  });

  app.get("/_emulator/requests", async (request) => {
    guard(request);
    return { data: parts.counters.snapshot() };
  });
  app.delete("/_emulator/requests", async (request, reply) => {
    guard(request);
    parts.counters.reset();
    return reply.status(204).send();
  });

  app.post("/_emulator/reset", async (request, reply) => {
    guard(request);
    write(() => world.reset());
    parts.faults.clear();
    parts.counters.reset();
    return reply.status(204).send();
  });
}
