import { exchangeZohoAuthorizationCode, ZOHO_REGIONS, type ZohoRegion } from "@hirekit/auth-middleware/zoho-recruit";
import { type FlagSpec, optionalFlag, type ParsedArgs, requiredFlag } from "./args.js";
import { CONSENT_FLAGS, deliverRefreshToken, obtainAuthorizationCode, readConsentFlags } from "./consent-flow.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";
import { readSecret } from "./secrets.js";
import { isLoopbackUrl } from "./urls.js";

/** Flags of `hirekit auth zoho`. */
export const ZOHO_LOGIN_FLAGS: Record<string, FlagSpec> = {
  ...CONSENT_FLAGS,
  region: { type: "string" },
  scope: { type: "string" },
  "accounts-url": { type: "string" },
};

/** Environment variable holding the Zoho client secret. */
export const ZOHO_CLIENT_SECRET_ENV = "HIREKIT_ZOHO_CLIENT_SECRET";

const KNOWN_ACCOUNTS: ReadonlySet<string> = new Set(Object.values(ZOHO_REGIONS).map((r) => r.accounts));

/**
 * `hirekit auth zoho`: Zoho's authorization-code flow (https://www.zoho.com/recruit/developer-guide/apiv2/access-refresh.html) with a loopback
 * redirect, ending with a refresh token printed or saved with mode 0600.
 */
export async function zohoLogin(io: CliIo, args: ParsedArgs): Promise<void> {
  const region = requiredFlag(args, "region");
  if (!(region in ZOHO_REGIONS)) {
    throw new CliError("USAGE", `flag "--region" must be one of ${Object.keys(ZOHO_REGIONS).join(", ")}`);
  }
  const { clientId, out, ...wait } = readConsentFlags(args);
  const scope = requiredFlag(args, "scope");
  const accountsOverride = optionalFlag(args, "accounts-url");
  const accounts = (accountsOverride ?? ZOHO_REGIONS[region as ZohoRegion].accounts).replace(/\/+$/, "");
  if (accountsOverride !== undefined && !accounts.startsWith("https://") && !isLoopbackUrl(accounts)) {
    throw new CliError("USAGE", `flag "--accounts-url" must be an https: URL (http: only on loopback)`);
  }
  const clientSecret = await readSecret(io, ZOHO_CLIENT_SECRET_ENV, "Zoho client secret");

  const consent = await obtainAuthorizationCode(io, {
    vendor: "Zoho",
    ...wait,
    // https://www.zoho.com/recruit/developer-guide/apiv2/access-refresh.html: offline access and a forced consent screen, so a refresh token is issued.
    consentUrl: (redirectUri, state) =>
      `${accounts}/oauth/v2/auth?${new URLSearchParams({
        scope,
        client_id: clientId,
        response_type: "code",
        access_type: "offline",
        prompt: "consent",
        redirect_uri: redirectUri,
        state,
      })}`,
  });

  // The code must be exchanged at the data centre of the user's account (`accounts-server`),
  // but only a known Zoho accounts server (or a loopback fake) is trusted with the secret.
  const returned = consent.query.get("accounts-server")?.replace(/\/+$/, "");
  let accountsUrl = accounts;
  if (returned !== undefined && returned !== "") {
    if (KNOWN_ACCOUNTS.has(returned) || isLoopbackUrl(returned)) accountsUrl = returned;
    else io.err(`Ignoring unknown accounts-server ${JSON.stringify(returned.slice(0, 100))}; using ${accounts}.`);
  }
  const grant = await exchangeZohoAuthorizationCode({
    region: region as ZohoRegion,
    accountsUrl,
    clientId,
    clientSecret,
    redirectUri: consent.redirectUri,
    code: consent.code,
  });
  if (grant.refreshToken === undefined) {
    throw new CliError("FAILED", "Zoho answered without a refresh token (was access_type=offline refused?)");
  }
  io.err(`Zoho accounts server: ${accountsUrl} (region ${region}).`);
  await deliverRefreshToken(io, grant.refreshToken, out);
}
