import { exchangeSmartRecruitersAuthorizationCode, SMARTRECRUITERS_CONSENT_URL } from "@hirekit/auth-middleware/smartrecruiters";
import { type FlagSpec, optionalFlag, type ParsedArgs, requiredFlag } from "./args.js";
import { CONSENT_FLAGS, deliverRefreshToken, obtainAuthorizationCode, readConsentFlags } from "./consent-flow.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";
import { readSecret } from "./secrets.js";
import { seedSmartRecruitersGrant } from "./seed-grant.js";
import { isLoopbackUrl } from "./urls.js";

/** Flags of `hirekit auth smartrecruiters`. */
export const SMARTRECRUITERS_LOGIN_FLAGS: Record<string, FlagSpec> = {
  ...CONSENT_FLAGS,
  scope: { type: "string" },
  "grant-id": { type: "string" },
  "consent-url": { type: "string" },
  "token-url": { type: "string" },
};

/** Environment variable holding the SmartRecruiters client secret. */
export const SMARTRECRUITERS_CLIENT_SECRET_ENV = "HIREKIT_SMARTRECRUITERS_CLIENT_SECRET";

function secureFlag(args: ParsedArgs, name: string): string | undefined {
  const value = optionalFlag(args, name);
  if (value !== undefined && !value.startsWith("https://") && !isLoopbackUrl(value)) {
    throw new CliError("USAGE", `flag "--${name}" must be an https: URL (http: only on loopback)`);
  }
  return value;
}

/**
 * `hirekit auth smartrecruiters`: SmartRecruiters' authorization-code flow
 * (https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code) with a
 * loopback redirect, ending with a refresh token printed, saved with mode 0600, or (with
 * `--grant-id`) written into the fleet's Redis store.
 */
export async function smartRecruitersLogin(io: CliIo, args: ParsedArgs): Promise<void> {
  const { clientId, out, ...wait } = readConsentFlags(args);
  const scope = requiredFlag(args, "scope");
  const consentBase = secureFlag(args, "consent-url") ?? SMARTRECRUITERS_CONSENT_URL;
  const tokenUrl = secureFlag(args, "token-url");
  const grantId = optionalFlag(args, "grant-id");
  if (grantId !== undefined && out !== undefined) throw new CliError("USAGE", 'use either "--grant-id" or "--out", not both');
  const clientSecret = await readSecret(io, SMARTRECRUITERS_CLIENT_SECRET_ENV, "SmartRecruiters client secret");

  const consent = await obtainAuthorizationCode(io, {
    vendor: "SmartRecruiters",
    ...wait,
    // https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code: client_id, redirect_uri, space-separated scope, state; response_type per RFC 6749 §4.1.1.
    consentUrl: (redirectUri, state) =>
      `${consentBase}?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: "code", scope, state })}`,
  });
  const grant = await exchangeSmartRecruitersAuthorizationCode({
    clientId,
    clientSecret,
    code: consent.code,
    redirectUri: consent.redirectUri,
    ...(tokenUrl === undefined ? {} : { tokenUrl }),
  });
  if (grantId !== undefined) {
    await seedSmartRecruitersGrant(io, { grantId, clientId, clientSecret, tokenUrl }, grant.refreshToken);
    return;
  }
  io.err("SmartRecruiters refresh tokens are single use and last 28 days: store the new one after every refresh.");
  await deliverRefreshToken(io, grant.refreshToken, out);
}
