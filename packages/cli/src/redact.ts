/** Replaces every occurrence of each secret (longer than 3 characters) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length > 3) out = out.split(secret).join("[redacted]");
  }
  return out;
}
