import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every file under `root`, by its path relative to `root`, with its text: two trees compare with one `expect`. */
export const filesUnder = (root: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(root, file), readFileSync(file, "utf8")];
      }),
  );
