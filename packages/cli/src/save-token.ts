import { open } from "node:fs/promises";
import { resolve } from "node:path";

/**
 * Writes `token` and a newline to `file` readable by its owner only (mode 0600), creating
 * or truncating it. The mode is set again after opening because `open`'s mode applies only
 * to a file it creates, and an existing file may have been world-readable.
 *
 * @example
 * ```ts
 * const where = await saveSecretFile("zoho.refresh-token", refreshToken); // absolute path
 * ```
 */
export async function saveSecretFile(file: string, token: string): Promise<string> {
  const path = resolve(file);
  const handle = await open(path, "w", 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(`${token}\n`, "utf8");
  } finally {
    await handle.close();
  }
  return path;
}
