/** Where the platform is and the token to call it with, as every front end resolves them. */

export interface ConnectionSettings {
  apiUrl?: string | undefined;
  apiToken?: string | undefined;
}

/** The configured address and token, each falling back to `SCRUMS_API_URL` and `SCRUMS_API_TOKEN`. */
export const connectionSettings = (configured: ConnectionSettings): ConnectionSettings => ({
  apiUrl: configured.apiUrl ?? process.env.SCRUMS_API_URL,
  apiToken: configured.apiToken ?? process.env.SCRUMS_API_TOKEN,
});

/** Why `url` cannot be the platform's address, or undefined when it can. */
export const apiUrlProblem = (url: string): string | undefined =>
  /^https?:\/\/[^\s/]+/.test(url)
    ? undefined
    : `must be an http(s) URL such as https://api.scrums.example, not "${url}"`;
