/**
 * The rules at `cdktf synth`: `Aspects.of(stack).add(new ScrumsPolicyAspect(config))` (CDKTF runs the
 * aspects of each stack, not the app's). A mandatory violation is an error annotation, which fails the
 * synth; an advisory one a warning; at the remediate level the aspect sets the compliant values on the
 * resource and says so.
 */
import { AnnotationMetadataEntryType, TerraformResource, TerraformStack, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { resolveConfig, type RuleSettings } from "../policy/config";
import { evaluate, type Finding } from "../policy/evaluate";
import { terraformFix, terraformMessage } from "../policy/report";
import { planFromSynthesized, type SynthesizedStack } from "../policy/adapters/synthesized";

/** In Terraform's names, as the synthesized configuration and `cdktf plan` show the resource. */
const describeFinding = (finding: Finding) => `[${finding.rule.id}] ${terraformMessage(finding)}`;

/**
 * Annotates a resource as `Annotations` does, but without the stack trace it records by default: the
 * CLI prints a trace under every annotation, and the aspect's own frames say nothing about the app.
 */
const annotate = (resource: TerraformResource, level: AnnotationMetadataEntryType, message: string) =>
  resource.node.addMetadata(level, message, { stackTrace: false });

export class ScrumsPolicyAspect implements IAspect {
  private readonly settings: RuleSettings[];

  /** `config` has the shape of a Pulumi policy pack configuration; it is checked here, so a bad one fails at once. */
  constructor(config: unknown = {}) {
    this.settings = resolveConfig(config);
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const byAddress = new Map<string, TerraformResource>(
      node.node
        .findAll()
        .filter(TerraformResource.isTerraformResource)
        .map((resource) => [`${resource.terraformResourceType}.${node.getLogicalId(resource)}`, resource] as const),
    );
    const plan = planFromSynthesized(node.toTerraform() as SynthesizedStack);
    for (const finding of evaluate(plan, this.settings)) {
      const resource = byAddress.get(finding.resource.name)!;
      if (finding.level === "remediate" && finding.remediation) {
        for (const [field, value] of Object.entries(finding.remediation))
          (resource as unknown as Record<string, unknown>)[field] = value;
        annotate(
          resource,
          AnnotationMetadataEntryType.INFO,
          `${describeFinding(finding)}; remediated: ${terraformFix(finding)}`,
        );
      } else if (finding.level === "advisory") {
        annotate(resource, AnnotationMetadataEntryType.WARN, describeFinding(finding));
      } else {
        annotate(resource, AnnotationMetadataEntryType.ERROR, describeFinding(finding));
      }
    }
  }
}
