import { withProviderInstallation } from "../../../provider/terraform/cli-config";
import { providerInstallationBlock } from "../../../provider/terraform/install";

const block = providerInstallationBlock("/mirror");

describe("withProviderInstallation", () => {
  it("keeps the rest of the file and replaces only the provider_installation block", () => {
    const config = [
      "# mine",
      'credentials "app.terraform.io" {',
      '  token = "a}b{" # braces in a string',
      "}",
      "provider_installation {",
      "  network_mirror {",
      '    url = "https://example.com/"',
      "  }",
      "}",
      'plugin_cache_dir = "/cache"',
      "",
    ].join("\n");
    expect(withProviderInstallation(config, block)).toBe(
      [
        "# mine",
        'credentials "app.terraform.io" {',
        '  token = "a}b{" # braces in a string',
        "}",
        block.trimEnd(),
        'plugin_cache_dir = "/cache"',
        "",
      ].join("\n"),
    );
  });

  it("appends the block to a file without one, and gives the block alone for an empty file", () => {
    expect(withProviderInstallation("disable_checkpoint = true\n", block)).toBe(
      `disable_checkpoint = true\n\n${block}`,
    );
    expect(withProviderInstallation("", block)).toBe(block);
  });

  it("is stable: merging twice gives the same file", () => {
    const once = withProviderInstallation('credentials "x" {\n  token = "t"\n}\n', block);
    expect(withProviderInstallation(once, block)).toBe(once);
  });

  it("does not take a block named in a comment for the real one", () => {
    const config = "# provider_installation {\ndisable_checkpoint = true\n";
    expect(withProviderInstallation(config, block)).toBe(`${config}\n${block}`);
  });
});
