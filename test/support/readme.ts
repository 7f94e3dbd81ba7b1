/** Commands of README.md as written, for the tests that run them verbatim. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./tools";

const readme = () => readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The text of a `## heading` section, up to the next one. */
function section(heading: string): string {
  const found = readme()
    .split(/^## /m)
    .find((part) => part.startsWith(`${heading}\n`));
  if (!found) throw new Error(`README.md has no section "## ${heading}"`);
  return found;
}

/** The first ```sh block of a README section. */
export function readmeShellBlock(heading: string): string {
  const block = /```sh\n([\s\S]*?)```/.exec(section(heading));
  if (!block) throw new Error(`README.md has no sh block under "## ${heading}"`);
  return block[1]!;
}

/** The first code span of a table row's last cell (`| <label> | … | \`command\`, then … |`) in a README section. */
export function readmeTableCommand(heading: string, label: string): string {
  const row = section(heading)
    .split("\n")
    .find((line) => line.startsWith(`| ${label} |`));
  const command = row && /`([^`]+)`/.exec(row.split(" | ").at(-1)!);
  if (!command) throw new Error(`README.md has no command in the "${label}" row under "## ${heading}"`);
  return command[1]!;
}
