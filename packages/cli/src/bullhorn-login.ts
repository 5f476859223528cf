import { bullhornAuth, discoverBullhorn, exchangeBullhornAuthorizationCode } from "@hirekit/auth-middleware/bullhorn";
import { type FlagSpec, optionalFlag, type ParsedArgs, requiredFlag } from "./args.js";
import { CONSENT_FLAGS, deliverRefreshToken, obtainAuthorizationCode, readConsentFlags } from "./consent-flow.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";
import { readSecret } from "./secrets.js";
import { seedFleetGrant } from "./seed-grant.js";

/** Flags of `hirekit auth bullhorn`. */
export const BULLHORN_LOGIN_FLAGS: Record<string, FlagSpec> = {
  ...CONSENT_FLAGS,
  username: { type: "string" },
  "grant-id": { type: "string" },
  "login-info-url": { type: "string" },
};

/** Environment variable holding the Bullhorn client secret. */
export const BULLHORN_CLIENT_SECRET_ENV = "HIREKIT_BULLHORN_CLIENT_SECRET";

/**
 * `hirekit auth bullhorn`: Bullhorn's authorization-code flow
 * (https://bullhorn.github.io/Getting-Started-with-REST/) on the API user's data centre
 * (found with `loginInfo`), with a loopback redirect, ending with the single-use refresh
 * token written into the fleet's Redis store (`--grant-id`), saved with mode 0600 or printed.
 */
export async function bullhornLogin(io: CliIo, args: ParsedArgs): Promise<void> {
  const { clientId, out, ...wait } = readConsentFlags(args);
  const username = requiredFlag(args, "username");
  const loginInfoUrl = optionalFlag(args, "login-info-url");
  const grantId = optionalFlag(args, "grant-id");
  if (grantId !== undefined && out !== undefined) throw new CliError("USAGE", 'use either "--grant-id" or "--out", not both');
  const clientSecret = await readSecret(io, BULLHORN_CLIENT_SECRET_ENV, "Bullhorn client secret");

  const { oauthUrl } = await discoverBullhorn({ username, ...(loginInfoUrl === undefined ? {} : { loginInfoUrl }) });
  const consent = await obtainAuthorizationCode(io, {
    vendor: "Bullhorn",
    ...wait,
    // https://bullhorn.github.io/Getting-Started-with-REST/: client_id, response_type=code, redirect_uri; state per RFC 6749 §4.1.1.
    consentUrl: (redirectUri, state) =>
      `${oauthUrl}/authorize?${new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: redirectUri, state })}`,
  });
  const grant = await exchangeBullhornAuthorizationCode({
    clientId,
    clientSecret,
    code: consent.code,
    redirectUri: consent.redirectUri,
    oauthUrl,
  });
  if (grantId !== undefined) {
    const scheme = bullhornAuth({
      clientId,
      clientSecret,
      username,
      grantId,
      ...(loginInfoUrl === undefined ? {} : { loginInfoUrl }),
    });
    await seedFleetGrant(io, grantId, scheme, grant.refreshToken, "{ clientId, clientSecret, username, grantId");
    return;
  }
  io.err("Bullhorn refresh tokens are single use: seed this one into the clients' shared token store, once.");
  await deliverRefreshToken(io, grant.refreshToken, out);
}
