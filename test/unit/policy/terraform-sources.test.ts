/** SARIF locations for a Terraform plan: the line of each resource block, in the root module and in local modules. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sourceLocator } from "../../../policy/adapters/terraform-sources";

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), "scrums-sources-"));
  mkdirSync(path.join(repo, ".git"));
  mkdirSync(path.join(repo, "infra/modules/team"), { recursive: true });
  writeFileSync(
    path.join(repo, "infra/main.tf"),
    ['module "team" {', '  source = "./modules/team"', "}", "", 'resource "scrums_organization" "apex" {', "}"].join(
      "\n",
    ),
  );
  writeFileSync(
    path.join(repo, "infra/modules/team/workspace.tf"),
    ["# the team's workspace", '  resource  "scrums_workspace"  "ws" {', "}"].join("\n"),
  );
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const plan = {
  format_version: "1.2",
  resource_changes: [],
  configuration: {
    root_module: {
      module_calls: {
        team: { source: "./modules/team", module: {} },
        shared: { source: "acme/shared/scrums", module: {} },
      },
    },
  },
};

it("places root and local-module resources on their block, counted and keyed instances included", () => {
  const locate = sourceLocator(plan, path.join(repo, "infra/plan.json"), path.join(repo, "infra"));
  expect(locate("scrums_organization.apex")).toEqual({ uri: "infra/main.tf", line: 5 });
  expect(locate('module.team["a"].scrums_workspace.ws[0]')).toEqual({
    uri: "infra/modules/team/workspace.tf",
    line: 2,
  });
});

it("places a resource it cannot find (a registry module's) on the plan file, relative to the repository", () => {
  const locate = sourceLocator(plan, path.join(repo, "infra/plan.json"), path.join(repo, "infra"));
  expect(locate("module.shared.scrums_organization.x")).toEqual({ uri: "infra/plan.json" });
});
