/** Writes test configurations as HCL from plain data, with `expr()` for references and function calls. */

/** An HCL expression written as is: `scrums_organization.parent.id`, `file("cert.pem")`. */
export class Expression {
  constructor(readonly text: string) {}
}

export const expr = (text: string) => new Expression(text);

export type HclValue = string | number | boolean | null | Expression | HclValue[] | { [key: string]: HclValue };

function value(v: HclValue, indent: string): string {
  if (v instanceof Expression) return v.text;
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v).replace(/\$\{/g, "$$${");
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map((item) => value(item, indent)).join(", ")}]`;
  const inner = `${indent}  `;
  return `{\n${Object.entries(v)
    .map(([k, item]) => `${inner}${k} = ${value(item, inner)}`)
    .join("\n")}\n${indent}}`;
}

/** `resource "<type>" "<name>" { … }` for each entry, by name. */
export function resources(declared: Record<string, { type: string; args: Record<string, HclValue> }>): string {
  return Object.entries(declared)
    .map(([name, { type, args }]) => `resource "${type}" "${name}" ${value(args, "")}\n`)
    .join("\n");
}
