import { spawn } from "node:child_process";

/** The command that opens a URL on this platform. */
export function browserCommand(platform: NodeJS.Platform): { command: string; args: (url: string) => string[] } {
  if (platform === "darwin") return { command: "open", args: (url) => [url] };
  // `start` is a cmd.exe built-in; the empty string is its window title.
  if (platform === "win32") return { command: "cmd", args: (url) => ["/c", "start", '""', url.replace(/&/g, "^&")] };
  return { command: "xdg-open", args: (url) => [url] };
}

/**
 * Opens `url` in the user's browser when there is one (xdg-open, open, start), detached.
 * A missing opener or a headless machine is not an error: the URL is printed anyway.
 *
 * @example
 * ```ts
 * openBrowser("https://accounts.zoho.eu/oauth/v2/auth?..."); // returns at once
 * ```
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const { command, args } = browserCommand(platform);
  try {
    const child = spawn(command, args(url), { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // No opener: the user copies the printed URL.
  }
}
