/**
 * Puts a `provider_installation` block into a Terraform CLI configuration's text, keeping everything
 * else in it (`credentials`, `plugin_cache_dir`, comments): the existing block is replaced, or the
 * new one appended.
 */

/** Where the top-level `provider_installation` block starts and ends (past its closing brace), if there is one. */
function blockSpan(text: string): { start: number; end: number } | undefined {
  let depth = 0;
  let start: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      // A string: skip to its closing quote, past escaped ones.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (char === "#" || (char === "/" && text[i + 1] === "/")) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (char === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (char === "{") {
      if (depth === 0 && /(^|\n)\s*provider_installation\s*$/.test(text.slice(0, i))) {
        start = text.slice(0, i).lastIndexOf("provider_installation");
      }
      depth++;
    } else if (char === "}") {
      depth--;
      if (depth === 0 && start !== undefined) return { start, end: i + 1 };
    }
  }
  return undefined;
}

/** `config` with `block` (a whole `provider_installation { … }`, ending in a newline) in place of its own. */
export function withProviderInstallation(config: string, block: string): string {
  const span = blockSpan(config);
  if (span) return `${config.slice(0, span.start)}${block.trimEnd()}${config.slice(span.end)}`;
  const separator = config === "" || config.endsWith("\n\n") ? "" : config.endsWith("\n") ? "\n" : "\n\n";
  return `${config}${separator}${block}`;
}
