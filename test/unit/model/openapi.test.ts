import { readFileSync } from "node:fs";
import { OPENAPI_PATH, renderOpenApi } from "../../../scripts/generate/openapi";
import { ROUTES } from "../../../provider/model/api";

describe("the checked-in OpenAPI document", () => {
  const checkedIn = readFileSync(OPENAPI_PATH, "utf8");

  it("is what the model generates (run scripts/generate/openapi.ts after changing a schema)", () => {
    expect(checkedIn).toBe(renderOpenApi());
  });

  it("documents every route of the route table with its success response", () => {
    const document = JSON.parse(checkedIn);
    for (const route of ROUTES) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(route.operationId);
      expect(Object.keys(operation.responses)).toContain(String(route.status));
    }
  });

  it("carries the seeds' examples", () => {
    const document = JSON.parse(checkedIn);
    expect(document.components.schemas.Organization.examples[0].slug).toBe("apex-digital");
    expect(document.paths["/v1/workspaces"].post.requestBody.content["application/json"].example).toEqual({
      organization_id: "ORG-26-090500",
      name: "Platform Engineering",
      slug: "platform-engineering",
    });
  });
});
