/**
 * Replaces every occurrence of a known secret (and its URL-encoded form, as it appears in
 * form bodies) in server-provided text. Schemes list every secret they hold, including
 * derived ones such as a Basic header value. Used for all text that can reach an error
 * message or an event.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of variants(secret)) {
      if (out.includes(form)) out = out.split(form).join("[redacted]");
    }
  }
  return out;
}

function variants(secret: string): string[] {
  const forms = [secret];
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) forms.push(encoded);
  return forms;
}

/** A secret-free copy of an unknown thrown value, safe to attach as an error's cause. */
export function scrubCause(err: unknown, secrets: readonly string[]): Error {
  const name = err instanceof Error ? err.name : "Error";
  const message = err instanceof Error ? err.message : String(err);
  const copy = new Error(scrub(message, secrets));
  copy.name = name;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  const inner = err instanceof Error ? (err as { cause?: unknown }).cause : undefined;
  if (inner !== undefined && inner !== err) {
    (copy as Error & { cause?: unknown }).cause = scrubCause(inner, secrets);
  }
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
