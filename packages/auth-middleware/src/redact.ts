/**
 * The one redaction rule set of hirekit: every piece of server text that can reach an
 * error, an event or the terminal passes through `redact`.
 *
 * How the secrets reach it. A vendor API error is built far from the credential (in a
 * pager, from a response body), so it cannot be handed the token the middleware holds.
 * Instead the middleware registers, each time it starts using a new token, that token and
 * every secret of its scheme (client secret, refresh token, password, API key, derived
 * Basic value) in one process-wide registry, and `redact` scrubs every registered secret
 * as well as any it is given. The registry lives on `globalThis` under
 * `Symbol.for("hirekit.redact.v1")`, so two copies of this package in one process (a
 * duplicated dependency) share it; it holds at most 1000 secrets, the least
 * recently registered are dropped first, and it is a closure: printing or serialising
 * `globalThis` shows a function, not secrets. Registration happens once per token, never
 * per request, so the warm-cache path is untouched.
 */

const KEY = Symbol.for("hirekit.redact.v1");

type Registry = (add?: readonly string[]) => readonly string[];

/**
 * The registry: a function closing over the list (newest first, at most 1000 secrets: a
 * token refreshed hourly by 40 clients stays in for a day), so printing `globalThis` shows
 * `[Function]`, never a secret.
 */
function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= (
    (known: readonly string[]) =>
    (add: readonly string[] = []) =>
      (known = [...add, ...known.filter((secret) => !add.includes(secret))].slice(0, 1000))
  )([]);
  return holder[KEY];
}

/** Registers live secrets for `redact`; called by the middleware once per new token. */
export function rememberSecrets(secrets: readonly string[]): void {
  registry()(secrets);
}

/**
 * Removes credentials from text: every secret registered by a live auth middleware in this
 * process and every secret in `secrets`, each also in its URL-encoded, form-encoded and
 * Base64 forms; any value after `Bearer` or `Basic` (any case); then
 * cuts the text to 300 characters. Secrets shorter than 4 characters are ignored (they
 * would redact ordinary words).
 *
 * Use it on any server text you log or show; every hirekit error already does.
 *
 * @example
 * ```ts
 * import { redact } from "@hirekit/auth-middleware";
 *
 * const { error } = await client.GET("/candidates");
 * if (error !== undefined) console.warn(redact(JSON.stringify(error))); // an echoed token becomes [redacted]
 * ```
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  for (const secret of [...secrets, ...registry()()]) {
    // As sent in a URL, in a form body (RFC 6749 Appendix B: space as "+") and in Base64 (unpadded: padded copies match too).
    if (secret && secret.length > 3)
      for (const copy of [
        secret,
        encodeURIComponent(secret),
        `${new URLSearchParams({ v: secret })}`.slice(2),
        btoa(String.fromCharCode(...new TextEncoder().encode(secret))).split("=")[0] as string,
      ])
        text = text.replaceAll(copy, "[redacted]");
  }
  // RFC 6750 §2.1 (Bearer) and RFC 7617 §2 (Basic): a credential follows the scheme name.
  text = text.replace(/\b(bearer|basic)\s+[^\s"'<>,;]+/gi, "$1 [redacted]");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export { redact as scrub };

/** A secret-free copy of an unknown thrown value, safe to attach as an error's cause. */
export function scrubCause(err: unknown, secrets: readonly (string | undefined)[]): Error {
  const isError = err instanceof Error;
  const copy = new Error(redact(isError ? err.message : String(err), secrets)) as Error & { code?: string; cause?: unknown };
  copy.name = isError ? err.name : "Error";
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") copy.code = code;
  const inner = isError ? err.cause : undefined;
  if (inner !== undefined && inner !== err) copy.cause = scrubCause(inner, secrets);
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
