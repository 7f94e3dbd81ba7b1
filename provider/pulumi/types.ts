/** Pulumi argument and output types, derived from each kind's declaration in the model. */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { FieldSpec, Fields, KINDS, KindName } from "../model/resources";

type FieldsOf<K extends KindName> = (typeof KINDS)[K]["fields"];

type IsDeclarable<S> = S extends { role: "computed" } ? false : S extends { context: true } ? false : true;
type IsRequired<S> = S extends { role: "required" } ? true : false;

/** A value whose members may themselves be outputs of other resources, at any depth. */
export type DeepInput<T> = pulumi.Input<
  T extends readonly (infer E)[] ? DeepInput<E>[] : T extends object ? { [K in keyof T]: DeepInput<T[K]> } : T
>;

/** What a program declares: required fields, then optional ones; values may be outputs of other resources. */
export type ArgsOf<K extends KindName, F extends Fields = FieldsOf<K>> = {
  [N in keyof F as IsDeclarable<F[N]> extends true ? (IsRequired<F[N]> extends true ? N : never) : never]: DeepInput<
    z.input<F[N]["type"]>
  >;
} & {
  [N in keyof F as IsDeclarable<F[N]> extends true ? (IsRequired<F[N]> extends true ? never : N) : never]?: DeepInput<
    z.input<F[N]["type"]>
  >;
};

type StateValue<S extends FieldSpec> = S extends { fields: infer G extends Fields }
  ? StateOf<G> | null
  : z.output<S["type"]>;

/** A kind's state: every field but context ones, write-only ones by their hash (see `hashKey`). */
export type StateOf<F extends Fields> = {
  [N in keyof F as F[N] extends { writeOnly: object } | { context: true } ? never : N]: StateValue<F[N]>;
} & {
  [
    N in keyof F as F[N] extends { writeOnly: object }
      ? `${N & string}${F[N] extends { writeOnly: { hashFromApi: string } } ? "Sha256" : "Hash"}`
      : never
  ]: string | null;
};

export type OutputsOf<K extends KindName, S = StateOf<FieldsOf<K>>> = { readonly [N in keyof S]: pulumi.Output<S[N]> };
