/**
 * The resource calls of the native provider (Check, Diff, Create, Read, Update, Delete), each as
 * engine calls on plain values. The server (./server) translates the wire; this module knows kinds.
 */
import { diffDeclaration, type Engine } from "../../engine";
import { type Fields, KINDS, type KindName, plannedState, type Values } from "../../model/resources";
import { checkInputs, diffInputs, isUnknown, UNKNOWN } from "../steps";
import { importedInputs } from "./imports";

export const TYPE_PREFIX = "scrums:index:";

/** The kind a type token (`scrums:index:Organization`) or URN names. */
export function kindOfType(type: string): KindName {
  const name = type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : "";
  if (!(name in KINDS)) throw new Error(`the scrums provider has no resource type ${type}`);
  return name as KindName;
}

/** The type token of a URN: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export const typeOfUrn = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? "";

const UNKNOWNS = { isUnknown, value: UNKNOWN };
const fieldsOf = (kind: KindName): Fields => KINDS[kind].fields;
const isEmpty = (values: Values) => Object.keys(values).length === 0;

/** A state without the context fields an import fills in: they are inputs alone. */
const withoutContext = (kind: KindName, state: Values) =>
  Object.fromEntries(Object.entries(state).filter(([name]) => !fieldsOf(kind)[name]?.context));

export interface Read {
  /** Empty when the object is gone. */
  id: string;
  state: Values;
  inputs: Values;
}

export class NativeResources {
  constructor(private readonly engine: () => Engine) {}

  check(kind: KindName, olds: Values, news: Values) {
    return checkInputs(kind, news, isEmpty(olds));
  }

  diff(kind: KindName, id: string, olds: Values, news: Values) {
    return diffInputs(kind, id, olds, news, this.engine);
  }

  /** A preview answers with the state the create promises: declared values known, the platform's unknown. */
  async create(kind: KindName, urn: string, inputs: Values, preview: boolean): Promise<{ id: string; state: Values }> {
    if (preview) return { id: "", state: plannedState(fieldsOf(kind), null, inputs, [], UNKNOWNS) };
    return this.engine().create(kind, inputs, urn);
  }

  /** A preview keeps known every output the model says the update leaves as it is. */
  async update(kind: KindName, id: string, olds: Values, news: Values, preview: boolean): Promise<Values> {
    if (!preview) return this.engine().update(kind, id, olds, news);
    const { changed } = diffDeclaration(kind, olds, news, isUnknown);
    return plannedState(fieldsOf(kind), olds, news, changed, UNKNOWNS);
  }

  async delete(kind: KindName, id: string, state: Values): Promise<void> {
    await this.engine().delete(kind, id, state);
  }

  /**
   * A refresh (the state is known) or an import (only the id is: any documented import id). An
   * import answers with the canonical id and the inputs that hold the object as it is.
   */
  async read(kind: KindName, id: string, state: Values, inputs: Values): Promise<Read> {
    if (isEmpty(state)) {
      const found = await this.engine().imported(kind, id);
      const inputs = importedInputs(fieldsOf(kind), found.state);
      return { id: found.id, state: withoutContext(kind, found.state), inputs };
    }
    const found = await this.engine().read(kind, id, state);
    return found ? { id: found.id, state: found.state, inputs } : { id: "", state: {}, inputs: {} };
  }
}
