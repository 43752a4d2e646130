/**
 * Bundled in place of the `undici` package (tsup.config.ts aliases it here). @actions/core imports @actions/http-client
 * for its OIDC client, which imports undici's ProxyAgent: 400 kB of JavaScript that every run parsed and compiled at
 * start-up for a feature the action never uses. The action talks to GitHub through Octokit and Node's own `fetch`
 * (github-fetch.ts), so nothing here is reached; if a future change does reach it, it says so instead of misbehaving.
 */
export class ProxyAgent {
  constructor() {
    throw new Error(
      "undici is not bundled in the tunewise action (tsup.config.ts): @actions/http-client's proxy agent is unavailable.",
    );
  }
}
