/**
 * The provider's configuration: `scrums:apiUrl` and the secret `scrums:apiToken`, as the engine
 * passes them to CheckConfig and Configure, with the same environment fallbacks as every front end.
 */
import { apiUrlProblem, connectionSettings, type ConnectionSettings } from "../../engine/settings";
import type { Values } from "../../model/resources";
import type { CheckFailure } from "../steps";
import { isUnknown } from "../steps";

const text = (value: unknown) => (typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined);

/**
 * The settings of a Configure call: its arguments (`apiUrl`, `apiToken`), else its variables
 * (`scrums:config:apiUrl`, as older engines send them), else the environment.
 */
export function configuredSettings(args: Values, variables: ReadonlyMap<string, string>): ConnectionSettings {
  const variable = (key: string) => text(variables.get(`scrums:config:${key}`) ?? variables.get(`scrums:${key}`));
  return connectionSettings({
    apiUrl: text(args.apiUrl) ?? variable("apiUrl"),
    apiToken: text(args.apiToken) ?? variable("apiToken"),
  });
}

/** What is wrong with a provider's configuration, before anything is sent. */
export function configFailures(news: Values): CheckFailure[] {
  const url = text(news.apiUrl);
  const problem = url === undefined ? undefined : apiUrlProblem(url);
  return problem ? [{ property: "apiUrl", reason: problem }] : [];
}
