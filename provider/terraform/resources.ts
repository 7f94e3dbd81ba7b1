/**
 * The managed resources: Terraform's plan, apply, read and import of each kind, turned into engine
 * calls. Plans promise only what apply produces: declared values as written, defaults, hashes of
 * write-only values, and platform values unknown exactly when the apply may change them.
 */
import { checkDeclaration, type Engine, PartialCreateError, planDeclaration } from "../engine";
import { type Fields, KINDS, type KindName, type Values } from "../model/resources";
import { inTerraformWords } from "../model/naming";
import { attributePath, type Diagnostic, errorDiagnostic, issueDiagnostics, type PathStep } from "./diagnostics";
import { fromJson, isUnknown, UNKNOWN } from "./protocol/cty";
import { type ResourceSchema, resourceSchema } from "./schema";
import {
  declarationOf,
  engineStateOf,
  plannedEngineState,
  type Rendering,
  type TerraformObject,
  terraformObjectOf,
} from "./state";

export const RESOURCES: ReadonlyMap<string, ResourceSchema> = new Map(
  Object.values(KINDS).map((kind) => [kind.terraformType, resourceSchema(kind)]),
);

export interface Planned {
  planned: TerraformObject | null;
  requiresReplace: { steps: PathStep[] }[];
  diagnostics: Diagnostic[];
}

export interface Applied {
  state: TerraformObject | null;
  diagnostics: Diagnostic[];
}

/** The provider's connection to the platform, made once Terraform has configured the provider. */
export interface Session {
  engine(): Engine;
  /** Scrubs every secret seen so far; works before the engine exists. */
  redact(text: string): string;
  rendering: Rendering;
}

/** Runs the engine on behalf of Terraform, turning its failures into diagnostics in Terraform's words. */
export class ManagedResources {
  constructor(private readonly session: Session) {}

  private engine(): Engine {
    return this.session.engine();
  }

  private get rendering(): Rendering {
    return this.session.rendering;
  }

  validate(typeName: string, config: TerraformObject): Diagnostic[] {
    return this.checked(this.schema(typeName), config, { creating: false }).diagnostics;
  }

  async plan(
    typeName: string,
    prior: TerraformObject | null,
    proposed: TerraformObject | null,
    config: TerraformObject | null,
  ): Promise<Planned> {
    const none: Planned = { planned: proposed, requiresReplace: [], diagnostics: [] };
    if (proposed === null || config === null) return none;
    const schema = this.schema(typeName);
    const priorState = prior && engineStateOf(schema.fieldAttributes, prior);
    const { declared, diagnostics } = this.checked(schema, config, {
      creating: priorState === null,
      state: priorState ?? undefined,
    });
    if (diagnostics.length) return { ...none, diagnostics };
    const fields: Fields = schema.kind.fields;
    if (prior === null || priorState === null) {
      const engineState = plannedEngineState(fields, null, declared, []);
      return {
        ...none,
        planned: { id: UNKNOWN, ...terraformObjectOf(schema.fieldAttributes, engineState, config, this.rendering) },
      };
    }
    const change = await planDeclaration(
      schema.kind.name as KindName,
      String(prior.id),
      priorState,
      declared,
      () => this.engine(),
      isUnknown,
    );
    const engineState = plannedEngineState(fields, priorState, declared, change.changed);
    return {
      planned: { id: prior.id, ...terraformObjectOf(schema.fieldAttributes, engineState, config, this.rendering) },
      requiresReplace: change.replaces.map((field) => ({ steps: attributePath(schema.fieldAttributes, field).steps })),
      diagnostics: [],
    };
  }

  async apply(
    typeName: string,
    prior: TerraformObject | null,
    planned: TerraformObject | null,
    config: TerraformObject | null,
  ): Promise<Applied> {
    const schema = this.schema(typeName);
    const kind = schema.kind.name as KindName;
    if (planned === null) {
      return this.attempt("destroy", schema, prior, async () => {
        await this.engine().delete(kind, String(prior!.id), engineStateOf(schema.fieldAttributes, prior!));
        return null;
      });
    }
    const priorState = prior && engineStateOf(schema.fieldAttributes, prior);
    const { declared, diagnostics } = this.checked(schema, config ?? {}, {
      creating: priorState === null,
      state: priorState ?? undefined,
    });
    if (diagnostics.length) return { state: prior, diagnostics };
    const render = (id: string, state: Values) => ({
      id,
      ...terraformObjectOf(schema.fieldAttributes, state, config ?? {}, this.rendering),
    });
    if (prior !== null && priorState !== null) {
      return this.attempt("update", schema, prior, async () =>
        render(String(prior.id), await this.engine().update(kind, String(prior.id), priorState, declared)),
      );
    }
    try {
      const created = await this.engine().create(kind, declared);
      return { state: render(created.id, created.state), diagnostics: [] };
    } catch (error) {
      // Terraform keeps an object returned beside an error, marked tainted: replacing it would close or archive the
      // half-made object for good (its slug stays taken), so the diagnostic says how to let the next apply finish it.
      if (error instanceof PartialCreateError) {
        const untaint = `${error.message}. Terraform marks it tainted, and would replace it: run \`terraform untaint\` on it so the next apply finishes it instead`;
        return {
          state: render(error.id, error.state),
          diagnostics: [this.failure("create", schema, new Error(untaint))],
        };
      }
      return { state: null, diagnostics: [this.failure("create", schema, error)] };
    }
  }

  async read(typeName: string, current: TerraformObject): Promise<Applied> {
    const schema = this.schema(typeName);
    return this.attempt("read", schema, current, async () => {
      const found = await this.engine().read(
        schema.kind.name as KindName,
        String(current.id),
        engineStateOf(schema.fieldAttributes, current),
      );
      return (
        found && { id: found.id, ...terraformObjectOf(schema.fieldAttributes, found.state, current, this.rendering) }
      );
    });
  }

  async import(typeName: string, importId: string): Promise<Applied> {
    const schema = this.schema(typeName);
    return this.attempt("import", schema, null, async () => {
      const found = await this.engine().imported(schema.kind.name as KindName, importId);
      return { id: found.id, ...terraformObjectOf(schema.fieldAttributes, found.state, {}, this.rendering) };
    });
  }

  /** A state Terraform saved as JSON, read with the current schema (the only version so far). */
  upgrade(typeName: string, json: Uint8Array): TerraformObject {
    return fromJson(JSON.parse(Buffer.from(json).toString("utf8")), this.schema(typeName).type) as TerraformObject;
  }

  schema(typeName: string): ResourceSchema {
    const schema = RESOURCES.get(typeName);
    if (!schema) throw new Error(`scrums has no resource type ${typeName}`);
    return schema;
  }

  private checked(
    schema: ResourceSchema,
    config: TerraformObject,
    options: { creating: boolean; state?: Values | undefined },
  ) {
    const raw = declarationOf(schema.fieldAttributes, config);
    const result = checkDeclaration(schema.kind.name as KindName, raw, { ...options, isUnknown });
    return {
      declared: result.declared,
      diagnostics: issueDiagnostics(
        schema.kind.terraformType,
        schema.kind.fields,
        schema.fieldAttributes,
        result.issues,
      ),
    };
  }

  /** Runs one engine call; on failure Terraform keeps `fallback` (the state it had) and shows why. */
  private async attempt(
    verb: string,
    schema: ResourceSchema,
    fallback: TerraformObject | null,
    work: () => Promise<TerraformObject | null>,
  ): Promise<Applied> {
    try {
      return { state: await work(), diagnostics: [] };
    } catch (error) {
      return { state: fallback, diagnostics: [this.failure(verb, schema, error)] };
    }
  }

  private failure(verb: string, schema: ResourceSchema, error: unknown): Diagnostic {
    const message = error instanceof Error ? error.message : String(error);
    return errorDiagnostic(
      `Could not ${verb} ${schema.kind.terraformType}`,
      inTerraformWords(this.session.redact(message), schema.kind.fields),
    );
  }
}
