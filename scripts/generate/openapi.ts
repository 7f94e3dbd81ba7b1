/** Writes openapi.json from the model: `npx ts-node --transpile-only scripts/generate/openapi.ts`. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument } from "../../provider/model/api/openapi";

export const OPENAPI_PATH = path.join(__dirname, "../../openapi.json");
export const renderOpenApi = () => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(OPENAPI_PATH, renderOpenApi());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_PATH)}`);
}
