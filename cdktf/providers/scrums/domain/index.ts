// https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DomainConfig extends cdktf.TerraformMetaArguments {
  /**
  * Take over an existing object with the same name in the organization instead of failing on the conflict. Off by default, so an object is never managed without being asked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#adopt_existing Domain#adopt_existing}
  */
  readonly adoptExisting?: boolean | cdktf.IResolvable;
  /**
  * `delete` releases the domain when the resource is destroyed; `retain` leaves it on the platform and only forgets it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#deletion_policy Domain#deletion_policy}
  */
  readonly deletionPolicy?: string;
  /**
  * The lowercase domain name. Cannot change: another name replaces the claim.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#domain Domain#domain}
  */
  readonly domain: string;
  /**
  * Create users on their first SSO sign-in. Needs the domain verified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#jit_provisioning_enabled Domain#jit_provisioning_enabled}
  */
  readonly jitProvisioningEnabled?: boolean | cdktf.IResolvable;
  /**
  * The organization claiming the domain. Cannot change: another organization replaces the claim.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#organization_id Domain#organization_id}
  */
  readonly organizationId: string;
  /**
  * The SAML identity provider; required when `sso_enforcement` is `saml`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#saml Domain#saml}
  */
  readonly saml?: DomainSaml;
  /**
  * Provision users from the identity provider over SCIM. Needs the domain verified; issues `scim_token`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#scim_enabled Domain#scim_enabled}
  */
  readonly scimEnabled?: boolean | cdktf.IResolvable;
  /**
  * How users of this domain sign in: `none`, `saml`, `google` or `microsoft`. Needs the domain verified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#sso_enforcement Domain#sso_enforcement}
  */
  readonly ssoEnforcement?: string;
  /**
  * How long `wait_for_verification` waits.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#verification_timeout_seconds Domain#verification_timeout_seconds}
  */
  readonly verificationTimeoutSeconds?: number;
  /**
  * Wait, up to `verification_timeout_seconds`, for the TXT record to be found instead of ending the apply unverified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#wait_for_verification Domain#wait_for_verification}
  */
  readonly waitForVerification?: boolean | cdktf.IResolvable;
}
export interface DomainSaml {
  /**
  * The assertion consumer service URL (https).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#acs_url Domain#acs_url}
  */
  readonly acsUrl: string;
  /**
  * The identity provider's signing certificate, PEM. Write-only: state keeps its SHA-256. Needed to set up SAML or to change `entity_id` or `acs_url`; left out on a domain whose platform already holds a certificate, that one is kept.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#certificate Domain#certificate}
  */
  readonly certificate?: string;
  /**
  * The identity provider's entity id.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#entity_id Domain#entity_id}
  */
  readonly entityId: string;
}

export function domainSamlToTerraform(struct?: DomainSaml | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    acs_url: cdktf.stringToTerraform(struct!.acsUrl),
    certificate: cdktf.stringToTerraform(struct!.certificate),
    entity_id: cdktf.stringToTerraform(struct!.entityId),
  }
}


export function domainSamlToHclTerraform(struct?: DomainSaml | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    acs_url: {
      value: cdktf.stringToHclTerraform(struct!.acsUrl),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    certificate: {
      value: cdktf.stringToHclTerraform(struct!.certificate),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    entity_id: {
      value: cdktf.stringToHclTerraform(struct!.entityId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class DomainSamlOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DomainSaml | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._acsUrl !== undefined) {
      hasAnyValues = true;
      internalValueResult.acsUrl = this._acsUrl;
    }
    if (this._certificate !== undefined) {
      hasAnyValues = true;
      internalValueResult.certificate = this._certificate;
    }
    if (this._entityId !== undefined) {
      hasAnyValues = true;
      internalValueResult.entityId = this._entityId;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DomainSaml | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._acsUrl = undefined;
      this._certificate = undefined;
      this._entityId = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._acsUrl = value.acsUrl;
      this._certificate = value.certificate;
      this._entityId = value.entityId;
    }
  }

  // acs_url - computed: false, optional: false, required: true
  private _acsUrl?: string; 
  public get acsUrl() {
    return this.getStringAttribute('acs_url');
  }
  public set acsUrl(value: string) {
    this._acsUrl = value;
  }
  // Temporarily expose input value. Use with caution.
  public get acsUrlInput() {
    return this._acsUrl;
  }

  // certificate - computed: false, optional: true, required: false
  private _certificate?: string; 
  public get certificate() {
    return this.getStringAttribute('certificate');
  }
  public set certificate(value: string) {
    this._certificate = value;
  }
  public resetCertificate() {
    this._certificate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get certificateInput() {
    return this._certificate;
  }

  // certificate_sha256 - computed: true, optional: false, required: false
  public get certificateSha256() {
    return this.getStringAttribute('certificate_sha256');
  }

  // entity_id - computed: false, optional: false, required: true
  private _entityId?: string; 
  public get entityId() {
    return this.getStringAttribute('entity_id');
  }
  public set entityId(value: string) {
    this._entityId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get entityIdInput() {
    return this._entityId;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain scrums_domain}
*/
export class Domain extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "scrums_domain";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Domain resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Domain to import
  * @param importFromId The id of the existing Domain that should be imported. Refer to the {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Domain to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "scrums_domain", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/domain scrums_domain} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DomainConfig
  */
  public constructor(scope: Construct, id: string, config: DomainConfig) {
    super(scope, id, {
      terraformResourceType: 'scrums_domain',
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
    this._domain = config.domain;
    this._jitProvisioningEnabled = config.jitProvisioningEnabled;
    this._organizationId = config.organizationId;
    this._saml.internalValue = config.saml;
    this._scimEnabled = config.scimEnabled;
    this._ssoEnforcement = config.ssoEnforcement;
    this._verificationTimeoutSeconds = config.verificationTimeoutSeconds;
    this._waitForVerification = config.waitForVerification;
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

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
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

  // domain - computed: false, optional: false, required: true
  private _domain?: string; 
  public get domain() {
    return this.getStringAttribute('domain');
  }
  public set domain(value: string) {
    this._domain = value;
  }
  // Temporarily expose input value. Use with caution.
  public get domainInput() {
    return this._domain;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // jit_provisioning_enabled - computed: true, optional: true, required: false
  private _jitProvisioningEnabled?: boolean | cdktf.IResolvable; 
  public get jitProvisioningEnabled() {
    return this.getBooleanAttribute('jit_provisioning_enabled');
  }
  public set jitProvisioningEnabled(value: boolean | cdktf.IResolvable) {
    this._jitProvisioningEnabled = value;
  }
  public resetJitProvisioningEnabled() {
    this._jitProvisioningEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get jitProvisioningEnabledInput() {
    return this._jitProvisioningEnabled;
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

  // saml - computed: false, optional: true, required: false
  private _saml = new DomainSamlOutputReference(this, "saml");
  public get saml() {
    return this._saml;
  }
  public putSaml(value: DomainSaml) {
    this._saml.internalValue = value;
  }
  public resetSaml() {
    this._saml.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get samlInput() {
    return this._saml.internalValue;
  }

  // scim_base_url - computed: true, optional: false, required: false
  public get scimBaseUrl() {
    return this.getStringAttribute('scim_base_url');
  }

  // scim_enabled - computed: true, optional: true, required: false
  private _scimEnabled?: boolean | cdktf.IResolvable; 
  public get scimEnabled() {
    return this.getBooleanAttribute('scim_enabled');
  }
  public set scimEnabled(value: boolean | cdktf.IResolvable) {
    this._scimEnabled = value;
  }
  public resetScimEnabled() {
    this._scimEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get scimEnabledInput() {
    return this._scimEnabled;
  }

  // scim_token - computed: true, optional: false, required: false
  public get scimToken() {
    return this.getStringAttribute('scim_token');
  }

  // scim_token_created_at - computed: true, optional: false, required: false
  public get scimTokenCreatedAt() {
    return this.getStringAttribute('scim_token_created_at');
  }

  // sso_enforcement - computed: true, optional: true, required: false
  private _ssoEnforcement?: string; 
  public get ssoEnforcement() {
    return this.getStringAttribute('sso_enforcement');
  }
  public set ssoEnforcement(value: string) {
    this._ssoEnforcement = value;
  }
  public resetSsoEnforcement() {
    this._ssoEnforcement = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ssoEnforcementInput() {
    return this._ssoEnforcement;
  }

  // verification_record_name - computed: true, optional: false, required: false
  public get verificationRecordName() {
    return this.getStringAttribute('verification_record_name');
  }

  // verification_record_value - computed: true, optional: false, required: false
  public get verificationRecordValue() {
    return this.getStringAttribute('verification_record_value');
  }

  // verification_timeout_seconds - computed: true, optional: true, required: false
  private _verificationTimeoutSeconds?: number; 
  public get verificationTimeoutSeconds() {
    return this.getNumberAttribute('verification_timeout_seconds');
  }
  public set verificationTimeoutSeconds(value: number) {
    this._verificationTimeoutSeconds = value;
  }
  public resetVerificationTimeoutSeconds() {
    this._verificationTimeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get verificationTimeoutSecondsInput() {
    return this._verificationTimeoutSeconds;
  }

  // verified - computed: true, optional: false, required: false
  public get verified() {
    return this.getBooleanAttribute('verified');
  }

  // verified_at - computed: true, optional: false, required: false
  public get verifiedAt() {
    return this.getStringAttribute('verified_at');
  }

  // wait_for_verification - computed: true, optional: true, required: false
  private _waitForVerification?: boolean | cdktf.IResolvable; 
  public get waitForVerification() {
    return this.getBooleanAttribute('wait_for_verification');
  }
  public set waitForVerification(value: boolean | cdktf.IResolvable) {
    this._waitForVerification = value;
  }
  public resetWaitForVerification() {
    this._waitForVerification = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitForVerificationInput() {
    return this._waitForVerification;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      adopt_existing: cdktf.booleanToTerraform(this._adoptExisting),
      deletion_policy: cdktf.stringToTerraform(this._deletionPolicy),
      domain: cdktf.stringToTerraform(this._domain),
      jit_provisioning_enabled: cdktf.booleanToTerraform(this._jitProvisioningEnabled),
      organization_id: cdktf.stringToTerraform(this._organizationId),
      saml: domainSamlToTerraform(this._saml.internalValue),
      scim_enabled: cdktf.booleanToTerraform(this._scimEnabled),
      sso_enforcement: cdktf.stringToTerraform(this._ssoEnforcement),
      verification_timeout_seconds: cdktf.numberToTerraform(this._verificationTimeoutSeconds),
      wait_for_verification: cdktf.booleanToTerraform(this._waitForVerification),
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
      domain: {
        value: cdktf.stringToHclTerraform(this._domain),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      jit_provisioning_enabled: {
        value: cdktf.booleanToHclTerraform(this._jitProvisioningEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      organization_id: {
        value: cdktf.stringToHclTerraform(this._organizationId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      saml: {
        value: domainSamlToHclTerraform(this._saml.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "DomainSaml",
      },
      scim_enabled: {
        value: cdktf.booleanToHclTerraform(this._scimEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      sso_enforcement: {
        value: cdktf.stringToHclTerraform(this._ssoEnforcement),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      verification_timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._verificationTimeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      wait_for_verification: {
        value: cdktf.booleanToHclTerraform(this._waitForVerification),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
