/** The provider executable's entry: Terraform runs it, it serves until Terraform shuts it down. */
import { serve } from "./serve";

serve().catch((error: unknown) => {
  process.stderr.write(`scrums provider failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
