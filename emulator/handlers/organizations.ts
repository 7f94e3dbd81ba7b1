import type { z } from "zod";
import type { CreateOrganization, PageQuery, PutAddress, UpdateOrganization } from "../../provider/model/api";
import { checkIfMatch, decodeCursor, listReply, type Call, type Handler } from "../call";
import { conflict, notFound, unprocessable } from "../errors";
import type { DomainRecord, OrganizationRecord, OrgMemberRecord, WorkspaceRecord } from "../records-types";
import type { World } from "../world";

type OrgParams = { org_id: string };

export function serializeOrganization(world: World, org: OrganizationRecord) {
  let workspaceCount = 0;
  let serviceLines = 0;
  for (const ws of world.records.all<WorkspaceRecord>("workspace", org.id)) {
    if (ws.body.status !== "active") continue;
    workspaceCount += 1;
    serviceLines += ws.body.active_service_lines;
  }
  return { ...org, workspace_count: workspaceCount, active_service_lines: serviceLines };
}

/** Organizations that accept new objects; a closed one is read-only. */
export function requireOpen(org: OrganizationRecord): void {
  if (org.status === "closed") throw conflict("organization_closed", `${org.id} is closed`);
}

/** Enforcing SSO would lock everyone out unless a verified domain with SSO configured exists. */
function checkSsoConfigured(world: World, orgId: string | null): void {
  const ready =
    orgId !== null &&
    [...world.records.all<DomainRecord>("domain", orgId)].some(
      (d) => d.body.verified && d.body.sso_enforcement !== "none",
    );
  if (!ready) {
    throw unprocessable(
      "sso_not_configured",
      "settings.enforce_sso needs a verified domain with sso_enforcement configured first",
      "settings.enforce_sso",
    );
  }
}

const listOrganizations: Handler = (call: Call<object, z.infer<typeof PageQuery>>) =>
  listReply(
    call.world.records.pageWhere<OrganizationRecord>(
      "organization",
      undefined,
      decodeCursor(call.query.cursor),
      call.query.limit,
      (org) => call.access.listsOrganization(org.body),
    ),
    (org) => serializeOrganization(call.world, org),
  );

const createOrganization: Handler = ({
  world,
  access,
  body,
}: Call<object, object, z.infer<typeof CreateOrganization>>) => {
  access.checkMayCreateOrganization();
  if (world.indexed(`org-slug:${body.slug}`)) throw conflict("slug_taken", `The slug ${body.slug} is taken`);
  const ownerId = body.owner_id ?? access.userId;
  if (!world.user(ownerId)) throw unprocessable("user_not_found", `No user ${ownerId}`, "owner_id");
  if (body.settings?.enforce_sso) checkSsoConfigured(world, null);
  const now = world.clock.iso();
  const org: OrganizationRecord = {
    id: world.newId("organization"),
    name: body.name,
    slug: body.slug,
    status: "active",
    plan_id: body.plan_id ?? "plan_standard",
    owner_id: ownerId,
    billing_email: body.billing_email ?? null,
    settings: {
      enforce_sso: false,
      require_mfa: body.settings?.require_mfa ?? false,
      default_currency: body.settings?.default_currency ?? "USD",
    },
    address: null,
    created_at: now,
    updated_at: now,
  };
  world.records.insert("organization", org.id, null, org);
  world.index(`org-slug:${org.slug}`, org.id);
  addActiveMember(world, org.id, ownerId, "owner", now);
  // A caller creating an organization for someone else keeps the access to manage it.
  if (ownerId !== access.userId) addActiveMember(world, org.id, access.userId, "admin", now);
  return { status: 201, data: serializeOrganization(world, org) };
};

function addActiveMember(
  world: World,
  orgId: string,
  userId: string,
  role: OrgMemberRecord["role"],
  now: string,
): void {
  const user = world.user(userId)!;
  const member: OrgMemberRecord = {
    organization_id: orgId,
    user_id: userId,
    name: user.name,
    role,
    status: "active",
    invited_at: null,
    expires_at: null,
    joined_at: now,
  };
  world.records.insert("org_member", `${orgId}/${userId}`, orgId, member);
}

const getOrganization: Handler = ({ world, access, params }: Call<OrgParams>) => ({
  data: serializeOrganization(world, access.organization(params.org_id, "read").body),
});

const updateOrganization: Handler = (call: Call<OrgParams, object, z.infer<typeof UpdateOrganization>>) => {
  const { world, access, params, body } = call;
  const org = access.organization(params.org_id, "write").body;
  checkIfMatch(call, serializeOrganization(world, org));
  requireOpen(org);
  if (body.slug !== undefined && body.slug !== org.slug) {
    throw unprocessable("immutable_field", "slug cannot be changed after creation", "slug");
  }
  const settings = { ...org.settings, ...body.settings };
  if (settings.enforce_sso && !org.settings.enforce_sso) checkSsoConfigured(world, org.id);
  const updated: OrganizationRecord = {
    ...org,
    name: body.name ?? org.name,
    billing_email: body.billing_email === undefined ? org.billing_email : body.billing_email,
    plan_id: body.plan_id ?? org.plan_id,
    settings,
    updated_at: world.clock.iso(),
  };
  world.records.update("organization", org.id, updated);
  return { data: serializeOrganization(world, updated) };
};

const closeOrganization: Handler = ({ world, access, params }: Call<OrgParams>) => {
  const org = access.organization(params.org_id, "owner").body;
  const active = [...world.records.all<WorkspaceRecord>("workspace", org.id)].filter(
    (ws) => ws.body.status === "active",
  );
  if (active.length > 0) {
    throw conflict(
      "active_workspaces",
      `${org.id} still has ${active.length} active workspace(s): ${active.map((ws) => ws.id).join(", ")}. Archive them first`,
    );
  }
  const closed: OrganizationRecord = { ...org, status: "closed", updated_at: world.clock.iso() };
  world.records.update("organization", org.id, closed);
  return { data: serializeOrganization(world, closed) };
};

const getOrganizationAddress: Handler = ({ access, params }: Call<OrgParams>) => {
  const org = access.organization(params.org_id, "read").body;
  if (!org.address) throw notFound(`The address of ${org.id}`);
  return { data: org.address };
};

const putOrganizationAddress: Handler = ({
  world,
  access,
  params,
  body,
}: Call<OrgParams, object, z.infer<typeof PutAddress>>) => {
  const org = access.organization(params.org_id, "write").body;
  requireOpen(org);
  const address = {
    line1: body.line1,
    line2: body.line2 ?? null,
    city: body.city,
    state: body.state ?? null,
    postal_code: body.postal_code,
    country: body.country,
    tax_id: body.tax_id ?? null,
    tax_id_type: body.tax_id_type ?? null,
  };
  world.records.update("organization", org.id, { ...org, address, updated_at: world.clock.iso() });
  return { data: address };
};

const ROLE_CATALOGUE = [
  {
    role: "owner",
    description: "Full control, including closing the organization and managing owners.",
    permissions: [
      "org:read",
      "org:write",
      "org:close",
      "members:write",
      "owners:write",
      "billing:write",
      "workspaces:write",
      "domains:write",
      "integrations:write",
    ],
  },
  {
    role: "admin",
    description: "Manages members, workspaces, domains and integrations.",
    permissions: ["org:read", "org:write", "members:write", "workspaces:write", "domains:write", "integrations:write"],
  },
  {
    role: "billing",
    description: "Reads the organization and manages billing.",
    permissions: ["org:read", "billing:write"],
  },
  { role: "viewer", description: "Reads the organization.", permissions: ["org:read"] },
];

const listRoles: Handler = ({ access, params }: Call<OrgParams>) => {
  access.organization(params.org_id, "read");
  return { data: ROLE_CATALOGUE, meta: { cursor: null, has_more: false } };
};

export const organizationHandlers: Record<string, Handler> = {
  listOrganizations,
  createOrganization,
  getOrganization,
  updateOrganization,
  closeOrganization,
  getOrganizationAddress,
  putOrganizationAddress,
  listRoles,
};
