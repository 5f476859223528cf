import { HIREKIT_VENDORS, type HirekitVendor } from "@hirekit/testing";
import { BULLHORN_CLIENT_SECRET_ENV } from "./bullhorn-login.js";
import { CHECK_ENV, CHECK_NAMES, type CheckVendor } from "./check.js";
import { REDIS_URL_ENV, TOKEN_ENCRYPTION_KEY_ENV } from "./seed-grant.js";
import { SMARTRECRUITERS_CLIENT_SECRET_ENV } from "./smartrecruiters-login.js";
import { ZOHO_CLIENT_SECRET_ENV } from "./zoho-login.js";

// Notes shown under a vendor's variables in `hirekit auth check --help`.
const CHECK_NOTES: Partial<Record<CheckVendor, string>> = {
  bullhorn: "(not checked: a check would spend the single-use refresh token)",
  sterling: "(environment: production, integration, legacy-production, legacy-integration)",
  smartrecruiters: "(OAuth client credentials; environment optional: production or sandbox)",
};

/** One entry per vendor of the vendor list, in its order: the name `auth check` takes, its variables and notes. */
function checkVendorLines(): string {
  return Object.keys(HIREKIT_VENDORS)
    .map((vendor) => CHECK_NAMES[vendor as HirekitVendor])
    .map((name) => {
      const note = CHECK_NOTES[name];
      return `  ${name.padEnd(18)}${Object.values(CHECK_ENV[name]).join(", ")}${note === undefined ? "" : `\n${" ".repeat(20)}${note}`}`;
    })
    .join("\n");
}

/** Rows of `flag  text`, the texts aligned two spaces after the longest flag. */
function rows(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  return entries.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`.trimEnd()).join("\n");
}

/**
 * The flags and environment of a login whose refresh token a fleet shares (the vendor's own
 * flags, then CONSENT_FLAGS and --grant-id), with the variable that holds its client secret.
 */
function fleetLoginFlags(secretEnv: string, own: readonly (readonly [string, string])[]): string {
  const flags = rows([
    ...own,
    ["--redirect-port N", "port of the loopback redirect (default: any free port)"],
    ["--out FILE", "save the refresh token to FILE (mode 0600) instead of printing it"],
    ["--grant-id ID", "write it into the fleet's Redis store as grant ID instead"],
    ["--timeout SECONDS", "how long to wait for the browser (default 300)"],
    ["--no-browser", "only print the consent URL"],
    ["-h, --help", "this text"],
  ]);
  const environment = rows([
    [secretEnv, "the client secret (else asked for, hidden, on a terminal)"],
    [REDIS_URL_ENV, "the fleet's Redis server, with --grant-id"],
    [TOKEN_ENCRYPTION_KEY_ENV, "the fleet's encryption key (base64, 32 bytes), with --grant-id"],
  ]);
  return `Flags:\n${flags}\n\nEnvironment:\n${environment}`;
}

const EXIT = `Exit codes:
  0  success
  1  the vendor refused or failed (the AuthError code is printed), or the demo failed
  2  usage error: unknown command or flag, missing option, variable or secret
  3  the browser consent did not complete (denied, wrong state, or --timeout)`;

/** `--help` text of every command, keyed by command path. */
export const HELP: Record<string, string> = {
  hirekit: `Usage: hirekit <command> [flags]

Commands:
  demo                      run the five vendors' clients against local fake servers
  auth zoho                 get a Zoho Recruit refresh token (browser consent, loopback redirect)
  auth smartrecruiters      get a SmartRecruiters refresh token (browser consent, loopback redirect)
  auth bullhorn             get a Bullhorn refresh token (data centre found, browser consent, loopback redirect)
  auth check <vendor>       obtain a token with credentials from the environment; report its lifetime

Every command takes --help. Secrets are read from environment variables or a hidden prompt,
never from flags (flags land in shell history).

${EXIT}`,
  demo: `Usage: hirekit demo

Starts fake PCRecruiter, Zoho Recruit, SmartRecruiters, Sterling and Bullhorn servers on
127.0.0.1 and drives the real hirekit clients against them. Needs no account and no network.

${EXIT}`,
  auth: `Usage: hirekit auth <zoho|smartrecruiters|bullhorn|check> [flags]

  auth zoho --region eu --client-id ID --scope SCOPES [--out FILE]
  auth smartrecruiters --client-id ID --scope SCOPES [--out FILE | --grant-id ID]
  auth bullhorn --client-id ID --username API_USER [--out FILE | --grant-id ID]
  auth check <sterling|smartrecruiters|zoho|pcrecruiter>

${EXIT}`,
  "auth zoho": `Usage: hirekit auth zoho --region REGION --client-id ID --scope SCOPES [flags]

Runs Zoho's authorization-code flow: listens on http://127.0.0.1:PORT/callback, prints the
consent URL (and opens a browser when there is one), waits for the redirect, checks its
state, exchanges the code at the accounts server Zoho names (when it is a known one) and
prints the refresh token, or saves it to --out with mode 0600.

Flags:
  --region REGION       data centre: us, eu, in, au, jp, ca, sa, uk, cn, ae, sg
  --client-id ID        the client's id (Zoho API console)
  --scope SCOPES        comma-separated Zoho scopes, e.g. ZohoRecruit.modules.ALL
  --redirect-port N     port of the loopback redirect (default: any free port); register
                        http://127.0.0.1:N/callback as the client's redirect URI
  --out FILE            save the refresh token to FILE (mode 0600) instead of printing it
  --accounts-url URL    accounts server override (https:, or http: on loopback for fakes)
  --timeout SECONDS     how long to wait for the browser (default 300)
  --no-browser          only print the consent URL
  -h, --help            this text

Environment:
  ${ZOHO_CLIENT_SECRET_ENV}   the client secret (else asked for, hidden, on a terminal)

${EXIT}`,
  "auth smartrecruiters": `Usage: hirekit auth smartrecruiters --client-id ID --scope SCOPES [flags]

Runs SmartRecruiters' authorization-code flow (partner apps): listens on
http://127.0.0.1:PORT/callback, prints the consent URL (and opens a browser when there is
one), waits for the redirect, checks its state, exchanges the code at
/identity/oauth/token and prints the refresh token, saves it to --out with mode 0600, or
with --grant-id writes it into the Redis store a fleet shares, so that every process starts
from it (createSmartRecruitersClient({ auth: { clientId, clientSecret, grantId } })) and
nothing is printed. SmartRecruiters refresh tokens are single use: the fleet's store keeps
the current one.

${fleetLoginFlags(SMARTRECRUITERS_CLIENT_SECRET_ENV, [
  ["--client-id ID", "the app's client id"],
  ["--scope SCOPES", 'space-separated scopes, e.g. "candidates_read jobs_read"'],
  ["--consent-url URL", "consent page override (default https://www.smartrecruiters.com/identity/oauth/allow)"],
  ["--token-url URL", "token endpoint override (default https://api.smartrecruiters.com/identity/oauth/token)"],
])}

${EXIT}`,
  "auth bullhorn": `Usage: hirekit auth bullhorn --client-id ID --username API_USER [flags]

Runs Bullhorn's authorization-code flow: finds the API user's data centre with loginInfo,
listens on http://127.0.0.1:PORT/callback, prints the consent URL (and opens a browser when
there is one), waits for the redirect, checks its state, exchanges the code at the data
centre's /oauth/token and, with --grant-id, writes the refresh token into the Redis store a
fleet shares (createBullhornClient({ auth: { clientId, clientSecret, username, grantId } }));
else saves it to --out with mode 0600 or prints it. Bullhorn refresh tokens are single use:
seed one store with it, once, and let the clients rotate it there.

${fleetLoginFlags(BULLHORN_CLIENT_SECRET_ENV, [
  ["--client-id ID", "the OAuth client id Bullhorn issued"],
  ["--username API_USER", "the API user (its data centre is looked up)"],
  ["--login-info-url URL", "loginInfo override (default https://rest.bullhornstaffing.com/rest-services/loginInfo)"],
])}

${EXIT}`,
  "auth check": `Usage: hirekit auth check <vendor> [flags]

Obtains one token (or session) with the credentials in the environment, exactly as a
client would before its first request, and reports its lifetime and expiry time. The
token is never printed. A PCRecruiter session is ended afterwards.

Vendors and their environment variables:
${checkVendorLines()}

Flags:
  --base-url URL      API base override (https:, or http: on loopback for fakes)
  --token-url URL     token endpoint override (not for pcrecruiter)
  --timeout SECONDS   token request timeout (default 10)
  -h, --help          this text

${EXIT}`,
};
