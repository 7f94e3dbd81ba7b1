// https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface OrganizationMemberConfig extends cdktf.TerraformMetaArguments {
  /**
  * Take over an existing object with the same email in the organization instead of failing on the conflict. Off by default, so an object is never managed without being asked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#adopt_existing OrganizationMember#adopt_existing}
  */
  readonly adoptExisting?: boolean | cdktf.IResolvable;
  /**
  * `delete` removes the member when the resource is destroyed; `retain` leaves it on the platform and only forgets it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#deletion_policy OrganizationMember#deletion_policy}
  */
  readonly deletionPolicy?: string;
  /**
  * The user's email, compared case-insensitively. Cannot change: another email replaces the membership.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#email OrganizationMember#email}
  */
  readonly email: string;
  /**
  * The organization. Cannot change: another organization replaces the membership.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#organization_id OrganizationMember#organization_id}
  */
  readonly organizationId: string;
  /**
  * Send an expired invitation again on the next apply. Off by default, so a plan never churns invitations.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#resend_expired_invitation OrganizationMember#resend_expired_invitation}
  */
  readonly resendExpiredInvitation?: boolean | cdktf.IResolvable;
  /**
  * `owner`, `admin`, `billing` or `viewer`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#role OrganizationMember#role}
  */
  readonly role: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member scrums_organization_member}
*/
export class OrganizationMember extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "scrums_organization_member";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a OrganizationMember resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OrganizationMember to import
  * @param importFromId The id of the existing OrganizationMember that should be imported. Refer to the {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OrganizationMember to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "scrums_organization_member", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization_member scrums_organization_member} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OrganizationMemberConfig
  */
  public constructor(scope: Construct, id: string, config: OrganizationMemberConfig) {
    super(scope, id, {
      terraformResourceType: 'scrums_organization_member',
      terraformGeneratorMetadata: {
        providerName: 'scrums',
        providerVersion: '0.1.0',
        providerVersionConstraint: '= 0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._adoptExisting = config.adoptExisting;
    this._deletionPolicy = config.deletionPolicy;
    this._email = config.email;
    this._organizationId = config.organizationId;
    this._resendExpiredInvitation = config.resendExpiredInvitation;
    this._role = config.role;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // adopt_existing - computed: true, optional: true, required: false
  private _adoptExisting?: boolean | cdktf.IResolvable; 
  public get adoptExisting() {
    return this.getBooleanAttribute('adopt_existing');
  }
  public set adoptExisting(value: boolean | cdktf.IResolvable) {
    this._adoptExisting = value;
  }
  public resetAdoptExisting() {
    this._adoptExisting = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adoptExistingInput() {
    return this._adoptExisting;
  }

  // deletion_policy - computed: true, optional: true, required: false
  private _deletionPolicy?: string; 
  public get deletionPolicy() {
    return this.getStringAttribute('deletion_policy');
  }
  public set deletionPolicy(value: string) {
    this._deletionPolicy = value;
  }
  public resetDeletionPolicy() {
    this._deletionPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deletionPolicyInput() {
    return this._deletionPolicy;
  }

  // email - computed: false, optional: false, required: true
  private _email?: string; 
  public get email() {
    return this.getStringAttribute('email');
  }
  public set email(value: string) {
    this._email = value;
  }
  // Temporarily expose input value. Use with caution.
  public get emailInput() {
    return this._email;
  }

  // expires_at - computed: true, optional: false, required: false
  public get expiresAt() {
    return this.getStringAttribute('expires_at');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // invitation_expired - computed: true, optional: false, required: false
  public get invitationExpired() {
    return this.getBooleanAttribute('invitation_expired');
  }

  // invited_at - computed: true, optional: false, required: false
  public get invitedAt() {
    return this.getStringAttribute('invited_at');
  }

  // joined_at - computed: true, optional: false, required: false
  public get joinedAt() {
    return this.getStringAttribute('joined_at');
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // organization_id - computed: false, optional: false, required: true
  private _organizationId?: string; 
  public get organizationId() {
    return this.getStringAttribute('organization_id');
  }
  public set organizationId(value: string) {
    this._organizationId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get organizationIdInput() {
    return this._organizationId;
  }

  // resend_expired_invitation - computed: true, optional: true, required: false
  private _resendExpiredInvitation?: boolean | cdktf.IResolvable; 
  public get resendExpiredInvitation() {
    return this.getBooleanAttribute('resend_expired_invitation');
  }
  public set resendExpiredInvitation(value: boolean | cdktf.IResolvable) {
    this._resendExpiredInvitation = value;
  }
  public resetResendExpiredInvitation() {
    this._resendExpiredInvitation = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get resendExpiredInvitationInput() {
    return this._resendExpiredInvitation;
  }

  // role - computed: false, optional: false, required: true
  private _role?: string; 
  public get role() {
    return this.getStringAttribute('role');
  }
  public set role(value: string) {
    this._role = value;
  }
  // Temporarily expose input value. Use with caution.
  public get roleInput() {
    return this._role;
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // user_id - computed: true, optional: false, required: false
  public get userId() {
    return this.getStringAttribute('user_id');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      adopt_existing: cdktf.booleanToTerraform(this._adoptExisting),
      deletion_policy: cdktf.stringToTerraform(this._deletionPolicy),
      email: cdktf.stringToTerraform(this._email),
      organization_id: cdktf.stringToTerraform(this._organizationId),
      resend_expired_invitation: cdktf.booleanToTerraform(this._resendExpiredInvitation),
      role: cdktf.stringToTerraform(this._role),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      adopt_existing: {
        value: cdktf.booleanToHclTerraform(this._adoptExisting),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      deletion_policy: {
        value: cdktf.stringToHclTerraform(this._deletionPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      email: {
        value: cdktf.stringToHclTerraform(this._email),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      organization_id: {
        value: cdktf.stringToHclTerraform(this._organizationId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      resend_expired_invitation: {
        value: cdktf.booleanToHclTerraform(this._resendExpiredInvitation),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      role: {
        value: cdktf.stringToHclTerraform(this._role),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
