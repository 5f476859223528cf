import { type FlagSpec, integerFlag, optionalFlag, type ParsedArgs, requiredFlag, secondsFlag } from "./args.js";
import type { CliIo } from "./io.js";
import { listenForRedirect } from "./redirect-listener.js";
import { saveSecretFile } from "./save-token.js";

/** The flags every `hirekit auth <vendor>` login takes, besides its own. */
export const CONSENT_FLAGS: Record<string, FlagSpec> = {
  "client-id": { type: "string" },
  "redirect-port": { type: "string" },
  out: { type: "string" },
  timeout: { type: "string" },
  "no-browser": { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/** Reads {@link CONSENT_FLAGS}: the client id (required), the redirect port, the browser wait, `--out`. */
export function readConsentFlags(args: ParsedArgs) {
  return {
    clientId: requiredFlag(args, "client-id"),
    port: integerFlag(args, "redirect-port", 0, 65535) ?? 0,
    timeoutMs: secondsFlag(args, "timeout", 300),
    browser: args.flags["no-browser"] !== true,
    out: optionalFlag(args, "out"),
  };
}

/** Options of {@link obtainAuthorizationCode}. */
export interface ConsentFlowOptions {
  /** Vendor name shown to the user. */
  vendor: string;
  /** Loopback port for the redirect listener (0: any free port). */
  port: number;
  timeoutMs: number;
  /** Try to open a browser (`--no-browser` turns it off). */
  browser: boolean;
  /** Builds the consent URL for this redirect URI and state. */
  consentUrl(redirectUri: string, state: string): string;
}

/** The redirect that carried the grant code. */
export interface ConsentResult {
  query: URLSearchParams;
  code: string;
  redirectUri: string;
}

/**
 * The browser half of the authorization-code grant (RFC 6749 §4.1 with a loopback redirect,
 * RFC 8252): start the listener, print the consent URL on stdout, open a browser when there
 * is one, and wait for the redirect with the right `state`.
 */
export async function obtainAuthorizationCode(io: CliIo, options: ConsentFlowOptions): Promise<ConsentResult> {
  const listener = await listenForRedirect({ port: options.port, timeoutMs: options.timeoutMs });
  try {
    const url = options.consentUrl(listener.redirectUri, listener.state);
    io.out(`Open this URL in a browser and grant access to ${options.vendor}:`);
    io.out(url);
    io.err(`Waiting for the redirect to ${listener.redirectUri} (it must be registered with ${options.vendor} exactly)...`);
    if (options.browser) io.openBrowser(url);
    const query = await listener.wait();
    return { query, code: query.get("code") as string, redirectUri: listener.redirectUri };
  } finally {
    await listener.close();
  }
}

/**
 * Hands the refresh token to the user: saved to `out` with mode 0600 (only the path is
 * printed), or printed on stdout when no file was asked for.
 */
export async function deliverRefreshToken(io: CliIo, refreshToken: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.err("Store this refresh token as a secret; it is not shown again:");
    io.out(`Refresh token: ${refreshToken}`);
    return;
  }
  const path = await saveSecretFile(out, refreshToken);
  io.out(`Refresh token saved to ${path} (mode 0600).`);
}
