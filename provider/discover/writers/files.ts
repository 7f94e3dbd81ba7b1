/** A writer's output: file contents by path, relative to the output directory. */
export type GeneratedFiles = Record<string, string>;
