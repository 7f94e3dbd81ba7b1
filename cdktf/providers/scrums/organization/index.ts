// https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface OrganizationConfig extends cdktf.TerraformMetaArguments {
  /**
  * The billing address. Kept as is when absent.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#address Organization#address}
  */
  readonly address?: OrganizationAddress;
  /**
  * Take over an existing object with the same slug instead of failing on the conflict. Off by default, so an object is never managed without being asked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#adopt_existing Organization#adopt_existing}
  */
  readonly adoptExisting?: boolean | cdktf.IResolvable;
  /**
  * Where invoices go. When absent, the platform's value is kept (by default, the oldest owner's email).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#billing_email Organization#billing_email}
  */
  readonly billingEmail?: string;
  /**
  * ISO 4217 code for billing and new workspaces. Kept as is when absent.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#default_currency Organization#default_currency}
  */
  readonly defaultCurrency?: string;
  /**
  * `delete` closes the organization when the resource is destroyed; `retain` leaves it on the platform and only forgets it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#deletion_policy Organization#deletion_policy}
  */
  readonly deletionPolicy?: string;
  /**
  * Every user must sign in through SSO. Needs a verified domain with SSO configured: on a new organization, declare that Domain in the same program and SSO is enforced as soon as the domain is ready, in the apply in which it becomes ready; until then `sso_enforcement_pending` is true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#enforce_sso Organization#enforce_sso}
  */
  readonly enforceSso?: boolean | cdktf.IResolvable;
  /**
  * Display name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#name Organization#name}
  */
  readonly name: string;
  /**
  * The user made the first `owner` member. Defaults to the caller. Only read at creation: ownership then moves with OrganizationMember roles, so a later difference is not a change.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#owner_id Organization#owner_id}
  */
  readonly ownerId?: string;
  /**
  * The billing plan, such as `plan_enterprise_annual`. Kept as is when absent.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#plan_id Organization#plan_id}
  */
  readonly planId?: string;
  /**
  * The domains declared with SSO for this organization in the same program, which let a new organization enforce SSO once they are verified. Pulumi fills it in from the Domain resources; in Terraform, list their names.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#planned_sso_domains Organization#planned_sso_domains}
  */
  readonly plannedSsoDomains?: string[];
  /**
  * Every user must use multi-factor authentication.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#require_mfa Organization#require_mfa}
  */
  readonly requireMfa?: boolean | cdktf.IResolvable;
  /**
  * Globally unique URL name. Cannot change: a new slug replaces the organization.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#slug Organization#slug}
  */
  readonly slug: string;
}
export interface OrganizationAddress {
  /**
  * City.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#city Organization#city}
  */
  readonly city: string;
  /**
  * ISO 3166-1 alpha-2 country code.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#country Organization#country}
  */
  readonly country: string;
  /**
  * First address line.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#line1 Organization#line1}
  */
  readonly line1: string;
  /**
  * Second address line.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#line2 Organization#line2}
  */
  readonly line2?: string;
  /**
  * Postal code.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#postal_code Organization#postal_code}
  */
  readonly postalCode: string;
  /**
  * State, province or region.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#state Organization#state}
  */
  readonly state?: string;
  /**
  * Tax registration number.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#tax_id Organization#tax_id}
  */
  readonly taxId?: string;
  /**
  * Kind of tax id, such as `eu_vat` or `us_ein`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#tax_id_type Organization#tax_id_type}
  */
  readonly taxIdType?: string;
}

export function organizationAddressToTerraform(struct?: OrganizationAddress | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    city: cdktf.stringToTerraform(struct!.city),
    country: cdktf.stringToTerraform(struct!.country),
    line1: cdktf.stringToTerraform(struct!.line1),
    line2: cdktf.stringToTerraform(struct!.line2),
    postal_code: cdktf.stringToTerraform(struct!.postalCode),
    state: cdktf.stringToTerraform(struct!.state),
    tax_id: cdktf.stringToTerraform(struct!.taxId),
    tax_id_type: cdktf.stringToTerraform(struct!.taxIdType),
  }
}


export function organizationAddressToHclTerraform(struct?: OrganizationAddress | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    city: {
      value: cdktf.stringToHclTerraform(struct!.city),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    country: {
      value: cdktf.stringToHclTerraform(struct!.country),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    line1: {
      value: cdktf.stringToHclTerraform(struct!.line1),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    line2: {
      value: cdktf.stringToHclTerraform(struct!.line2),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    postal_code: {
      value: cdktf.stringToHclTerraform(struct!.postalCode),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    state: {
      value: cdktf.stringToHclTerraform(struct!.state),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    tax_id: {
      value: cdktf.stringToHclTerraform(struct!.taxId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    tax_id_type: {
      value: cdktf.stringToHclTerraform(struct!.taxIdType),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class OrganizationAddressOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): OrganizationAddress | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._city !== undefined) {
      hasAnyValues = true;
      internalValueResult.city = this._city;
    }
    if (this._country !== undefined) {
      hasAnyValues = true;
      internalValueResult.country = this._country;
    }
    if (this._line1 !== undefined) {
      hasAnyValues = true;
      internalValueResult.line1 = this._line1;
    }
    if (this._line2 !== undefined) {
      hasAnyValues = true;
      internalValueResult.line2 = this._line2;
    }
    if (this._postalCode !== undefined) {
      hasAnyValues = true;
      internalValueResult.postalCode = this._postalCode;
    }
    if (this._state !== undefined) {
      hasAnyValues = true;
      internalValueResult.state = this._state;
    }
    if (this._taxId !== undefined) {
      hasAnyValues = true;
      internalValueResult.taxId = this._taxId;
    }
    if (this._taxIdType !== undefined) {
      hasAnyValues = true;
      internalValueResult.taxIdType = this._taxIdType;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: OrganizationAddress | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._city = undefined;
      this._country = undefined;
      this._line1 = undefined;
      this._line2 = undefined;
      this._postalCode = undefined;
      this._state = undefined;
      this._taxId = undefined;
      this._taxIdType = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._city = value.city;
      this._country = value.country;
      this._line1 = value.line1;
      this._line2 = value.line2;
      this._postalCode = value.postalCode;
      this._state = value.state;
      this._taxId = value.taxId;
      this._taxIdType = value.taxIdType;
    }
  }

  // city - computed: true, optional: false, required: true
  private _city?: string; 
  public get city() {
    return this.getStringAttribute('city');
  }
  public set city(value: string) {
    this._city = value;
  }
  // Temporarily expose input value. Use with caution.
  public get cityInput() {
    return this._city;
  }

  // country - computed: true, optional: false, required: true
  private _country?: string; 
  public get country() {
    return this.getStringAttribute('country');
  }
  public set country(value: string) {
    this._country = value;
  }
  // Temporarily expose input value. Use with caution.
  public get countryInput() {
    return this._country;
  }

  // line1 - computed: true, optional: false, required: true
  private _line1?: string; 
  public get line1() {
    return this.getStringAttribute('line1');
  }
  public set line1(value: string) {
    this._line1 = value;
  }
  // Temporarily expose input value. Use with caution.
  public get line1Input() {
    return this._line1;
  }

  // line2 - computed: true, optional: true, required: false
  private _line2?: string; 
  public get line2() {
    return this.getStringAttribute('line2');
  }
  public set line2(value: string) {
    this._line2 = value;
  }
  public resetLine2() {
    this._line2 = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get line2Input() {
    return this._line2;
  }

  // postal_code - computed: true, optional: false, required: true
  private _postalCode?: string; 
  public get postalCode() {
    return this.getStringAttribute('postal_code');
  }
  public set postalCode(value: string) {
    this._postalCode = value;
  }
  // Temporarily expose input value. Use with caution.
  public get postalCodeInput() {
    return this._postalCode;
  }

  // state - computed: true, optional: true, required: false
  private _state?: string; 
  public get state() {
    return this.getStringAttribute('state');
  }
  public set state(value: string) {
    this._state = value;
  }
  public resetState() {
    this._state = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get stateInput() {
    return this._state;
  }

  // tax_id - computed: true, optional: true, required: false
  private _taxId?: string; 
  public get taxId() {
    return this.getStringAttribute('tax_id');
  }
  public set taxId(value: string) {
    this._taxId = value;
  }
  public resetTaxId() {
    this._taxId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get taxIdInput() {
    return this._taxId;
  }

  // tax_id_type - computed: true, optional: true, required: false
  private _taxIdType?: string; 
  public get taxIdType() {
    return this.getStringAttribute('tax_id_type');
  }
  public set taxIdType(value: string) {
    this._taxIdType = value;
  }
  public resetTaxIdType() {
    this._taxIdType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get taxIdTypeInput() {
    return this._taxIdType;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization scrums_organization}
*/
export class Organization extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "scrums_organization";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Organization resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Organization to import
  * @param importFromId The id of the existing Organization that should be imported. Refer to the {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Organization to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "scrums_organization", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/scrums/scrums/0.1.0/docs/resources/organization scrums_organization} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OrganizationConfig
  */
  public constructor(scope: Construct, id: string, config: OrganizationConfig) {
    super(scope, id, {
      terraformResourceType: 'scrums_organization',
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
    this._address.internalValue = config.address;
    this._adoptExisting = config.adoptExisting;
    this._billingEmail = config.billingEmail;
    this._defaultCurrency = config.defaultCurrency;
    this._deletionPolicy = config.deletionPolicy;
    this._enforceSso = config.enforceSso;
    this._name = config.name;
    this._ownerId = config.ownerId;
    this._planId = config.planId;
    this._plannedSsoDomains = config.plannedSsoDomains;
    this._requireMfa = config.requireMfa;
    this._slug = config.slug;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // address - computed: true, optional: true, required: false
  private _address = new OrganizationAddressOutputReference(this, "address");
  public get address() {
    return this._address;
  }
  public putAddress(value: OrganizationAddress) {
    this._address.internalValue = value;
  }
  public resetAddress() {
    this._address.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressInput() {
    return this._address.internalValue;
  }

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

  // billing_email - computed: true, optional: true, required: false
  private _billingEmail?: string; 
  public get billingEmail() {
    return this.getStringAttribute('billing_email');
  }
  public set billingEmail(value: string) {
    this._billingEmail = value;
  }
  public resetBillingEmail() {
    this._billingEmail = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get billingEmailInput() {
    return this._billingEmail;
  }

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // default_currency - computed: true, optional: true, required: false
  private _defaultCurrency?: string; 
  public get defaultCurrency() {
    return this.getStringAttribute('default_currency');
  }
  public set defaultCurrency(value: string) {
    this._defaultCurrency = value;
  }
  public resetDefaultCurrency() {
    this._defaultCurrency = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultCurrencyInput() {
    return this._defaultCurrency;
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

  // enforce_sso - computed: true, optional: true, required: false
  private _enforceSso?: boolean | cdktf.IResolvable; 
  public get enforceSso() {
    return this.getBooleanAttribute('enforce_sso');
  }
  public set enforceSso(value: boolean | cdktf.IResolvable) {
    this._enforceSso = value;
  }
  public resetEnforceSso() {
    this._enforceSso = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enforceSsoInput() {
    return this._enforceSso;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // owner_id - computed: true, optional: true, required: false
  private _ownerId?: string; 
  public get ownerId() {
    return this.getStringAttribute('owner_id');
  }
  public set ownerId(value: string) {
    this._ownerId = value;
  }
  public resetOwnerId() {
    this._ownerId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ownerIdInput() {
    return this._ownerId;
  }

  // plan_id - computed: true, optional: true, required: false
  private _planId?: string; 
  public get planId() {
    return this.getStringAttribute('plan_id');
  }
  public set planId(value: string) {
    this._planId = value;
  }
  public resetPlanId() {
    this._planId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get planIdInput() {
    return this._planId;
  }

  // planned_sso_domains - computed: false, optional: true, required: false
  private _plannedSsoDomains?: string[]; 
  public get plannedSsoDomains() {
    return this.getListAttribute('planned_sso_domains');
  }
  public set plannedSsoDomains(value: string[]) {
    this._plannedSsoDomains = value;
  }
  public resetPlannedSsoDomains() {
    this._plannedSsoDomains = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get plannedSsoDomainsInput() {
    return this._plannedSsoDomains;
  }

  // require_mfa - computed: true, optional: true, required: false
  private _requireMfa?: boolean | cdktf.IResolvable; 
  public get requireMfa() {
    return this.getBooleanAttribute('require_mfa');
  }
  public set requireMfa(value: boolean | cdktf.IResolvable) {
    this._requireMfa = value;
  }
  public resetRequireMfa() {
    this._requireMfa = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requireMfaInput() {
    return this._requireMfa;
  }

  // slug - computed: false, optional: false, required: true
  private _slug?: string; 
  public get slug() {
    return this.getStringAttribute('slug');
  }
  public set slug(value: string) {
    this._slug = value;
  }
  // Temporarily expose input value. Use with caution.
  public get slugInput() {
    return this._slug;
  }

  // sso_enforcement_pending - computed: true, optional: false, required: false
  public get ssoEnforcementPending() {
    return this.getBooleanAttribute('sso_enforcement_pending');
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      address: organizationAddressToTerraform(this._address.internalValue),
      adopt_existing: cdktf.booleanToTerraform(this._adoptExisting),
      billing_email: cdktf.stringToTerraform(this._billingEmail),
      default_currency: cdktf.stringToTerraform(this._defaultCurrency),
      deletion_policy: cdktf.stringToTerraform(this._deletionPolicy),
      enforce_sso: cdktf.booleanToTerraform(this._enforceSso),
      name: cdktf.stringToTerraform(this._name),
      owner_id: cdktf.stringToTerraform(this._ownerId),
      plan_id: cdktf.stringToTerraform(this._planId),
      planned_sso_domains: cdktf.listMapper(cdktf.stringToTerraform, false)(this._plannedSsoDomains),
      require_mfa: cdktf.booleanToTerraform(this._requireMfa),
      slug: cdktf.stringToTerraform(this._slug),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      address: {
        value: organizationAddressToHclTerraform(this._address.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "OrganizationAddress",
      },
      adopt_existing: {
        value: cdktf.booleanToHclTerraform(this._adoptExisting),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      billing_email: {
        value: cdktf.stringToHclTerraform(this._billingEmail),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      default_currency: {
        value: cdktf.stringToHclTerraform(this._defaultCurrency),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      deletion_policy: {
        value: cdktf.stringToHclTerraform(this._deletionPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      enforce_sso: {
        value: cdktf.booleanToHclTerraform(this._enforceSso),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      owner_id: {
        value: cdktf.stringToHclTerraform(this._ownerId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      plan_id: {
        value: cdktf.stringToHclTerraform(this._planId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      planned_sso_domains: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._plannedSsoDomains),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      require_mfa: {
        value: cdktf.booleanToHclTerraform(this._requireMfa),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      slug: {
        value: cdktf.stringToHclTerraform(this._slug),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
