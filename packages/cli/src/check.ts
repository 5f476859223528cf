import { type AuthEvent, type AuthScheme, createAuthMiddleware } from "@hirekit/auth-middleware";
import { pcrecruiterSession } from "@hirekit/auth-middleware/pcrecruiter";
import { smartRecruitersAuth } from "@hirekit/auth-middleware/smartrecruiters";
import { sterlingAuth } from "@hirekit/auth-middleware/sterling";
import { zohoRecruitAuth } from "@hirekit/auth-middleware/zoho-recruit";
import type { HirekitVendor } from "@hirekit/testing";
import { type FlagSpec, optionalFlag, type ParsedArgs, secondsFlag } from "./args.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

/** Flags of `hirekit auth check`. */
export const CHECK_FLAGS: Record<string, FlagSpec> = {
  "base-url": { type: "string" },
  "token-url": { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};

/**
 * Vendors `hirekit auth check` knows, and the environment variables each one reads.
 *
 * @example
 * ```ts
 * const missing = Object.values(CHECK_ENV.sterling).filter((name) => !process.env[name]);
 * ```
 */
export const CHECK_ENV = {
  sterling: {
    clientId: "HIREKIT_STERLING_CLIENT_ID",
    clientSecret: "HIREKIT_STERLING_CLIENT_SECRET",
    environment: "HIREKIT_STERLING_ENVIRONMENT",
  },
  smartrecruiters: {
    clientId: "HIREKIT_SMARTRECRUITERS_CLIENT_ID",
    clientSecret: "HIREKIT_SMARTRECRUITERS_CLIENT_SECRET",
    environment: "HIREKIT_SMARTRECRUITERS_ENVIRONMENT",
  },
  zoho: {
    region: "HIREKIT_ZOHO_REGION",
    clientId: "HIREKIT_ZOHO_CLIENT_ID",
    clientSecret: "HIREKIT_ZOHO_CLIENT_SECRET",
    refreshToken: "HIREKIT_ZOHO_REFRESH_TOKEN",
  },
  bullhorn: {},
  pcrecruiter: {
    username: "HIREKIT_PCRECRUITER_USERNAME",
    password: "HIREKIT_PCRECRUITER_PASSWORD",
    databaseId: "HIREKIT_PCRECRUITER_DATABASE_ID",
    apiKey: "HIREKIT_PCRECRUITER_API_KEY",
    appId: "HIREKIT_PCRECRUITER_APP_ID",
  },
} as const;

/** A vendor `hirekit auth check` can check. */
export type CheckVendor = keyof typeof CHECK_ENV;

/**
 * The name `auth check` uses for each vendor of the one vendor list: a vendor added to
 * `HIREKIT_VENDORS` fails the build here until the CLI can check it.
 */
export const CHECK_NAMES: Readonly<Record<HirekitVendor, CheckVendor>> = {
  bullhorn: "bullhorn",
  pcrecruiter: "pcrecruiter",
  "zoho-recruit": "zoho",
  smartrecruiters: "smartrecruiters",
  sterling: "sterling",
};

/** Variables that may be unset (the scheme's default applies). */
const OPTIONAL_ENV: ReadonlySet<string> = new Set([CHECK_ENV.smartrecruiters.environment]);
const ALIASES: Record<string, CheckVendor> = CHECK_NAMES;

function readEnv<K extends string>(io: CliIo, names: Record<K, string>): Record<K, string | undefined> {
  const values = {} as Record<K, string | undefined>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(names) as [K, string][]) {
    const value = io.env[name]?.trim();
    values[key] = value === "" ? undefined : value;
    if (values[key] === undefined && !OPTIONAL_ENV.has(name)) missing.push(name);
  }
  if (missing.length > 0) throw new CliError("USAGE", `set ${missing.join(", ")}`);
  return values;
}

/** Builds the vendor's scheme from the environment (and the URL overrides). */
function schemeFor(vendor: CheckVendor, io: CliIo, baseUrl: string | undefined, tokenUrl: string | undefined): AuthScheme {
  if (vendor === "bullhorn") {
    // https://bullhorn.github.io/Getting-Started-with-REST/: "a refresh token expires after it is used once".
    throw new CliError(
      "USAGE",
      "bullhorn refresh tokens are single-use: a check would spend the one you hold and print nothing to replace it. " +
        "Get a grant with `hirekit auth bullhorn --grant-id ID` (seedGrant into the fleet's Redis) and let the clients use it.",
    );
  }
  if (vendor === "pcrecruiter" && tokenUrl !== undefined) {
    throw new CliError("USAGE", `pcrecruiter has no token URL; its login is {base-url}/access-token`);
  }
  // The variables are named after the scheme's options, and each scheme checks its own
  // (an unknown environment or region is its INVALID_OPTION).
  const env = Object.fromEntries(
    Object.entries(readEnv(io, CHECK_ENV[vendor] as Record<string, string>)).filter(([, value]) => value !== undefined),
  );
  const urls = { ...(baseUrl === undefined ? {} : { baseUrl }), ...(tokenUrl === undefined ? {} : { tokenUrl }) };
  return SCHEMES[vendor]({ ...env, ...urls } as never);
}

// The scheme each vendor's check obtains a credential with.
const SCHEMES: Record<Exclude<CheckVendor, "bullhorn">, (options: never) => AuthScheme> = {
  sterling: sterlingAuth,
  smartrecruiters: smartRecruitersAuth,
  zoho: zohoRecruitAuth,
  pcrecruiter: pcrecruiterSession,
};

/** Parses the vendor argument of `hirekit auth check`. */
export function checkVendor(name: string | undefined): CheckVendor {
  const vendor = name === undefined ? undefined : (ALIASES[name] ?? name);
  if (vendor === undefined || !(vendor in CHECK_ENV)) {
    const choices = Object.keys(CHECK_ENV).join(", ");
    throw new CliError("USAGE", `name a vendor: ${choices}${name === undefined ? "" : ` (got "${name}")`}`);
  }
  return vendor as CheckVendor;
}

/**
 * `hirekit auth check <vendor>`: obtains one credential through `createAuthMiddleware`
 * exactly as a client would before its first request (the request itself is never sent),
 * then reports how long it lives. The token is never printed; `dispose()` ends a
 * PCRecruiter session right away.
 */
export async function authCheck(io: CliIo, args: ParsedArgs): Promise<void> {
  const vendor = checkVendor(args.positionals[0]);
  const timeoutMs = secondsFlag(args, "timeout", 10);
  const scheme = schemeFor(vendor, io, optionalFlag(args, "base-url"), optionalFlag(args, "token-url"));
  const events: AuthEvent[] = [];
  const auth = createAuthMiddleware(scheme, { timeoutMs, onEvent: (e) => events.push(e) });
  const origin = scheme.apiOrigin as string;
  const onRequest = auth.onRequest as unknown as (params: unknown) => Promise<unknown>;
  try {
    await onRequest({
      request: new Request(`${origin}/`),
      id: "hirekit-auth-check",
      schemaPath: "/",
      params: {},
      options: { baseUrl: origin },
    });
  } finally {
    await auth.dispose();
  }
  const obtained = events.find((e) => e.type === "token_obtained");
  const took = obtained === undefined ? "" : ` in ${obtained.durationMs} ms`;
  io.out(`${vendor}: credentials accepted by ${origin}; a token was obtained${took} (not shown).`);
  const expiresAt = obtained?.expiresAt;
  if (expiresAt === undefined) {
    io.out(`${vendor}: no stated lifetime: the credential is reused until the API rejects it, then renewed.`);
  } else {
    const seconds = Math.round((expiresAt - Date.now()) / 1000);
    io.out(`${vendor}: lifetime ${seconds} s: usable until ${new Date(expiresAt).toISOString()}.`);
  }
  if (events.some((e) => e.type === "session_ended")) io.out(`${vendor}: the session was ended.`);
}
