import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CliError } from "./errors.js";

/** Options of {@link listenForRedirect}. */
export interface RedirectListenerOptions {
  /** Loopback port to listen on; 0 picks a free one. */
  port: number;
  /** How long to wait for the browser, in ms. */
  timeoutMs: number;
}

/** A loopback listener waiting for one OAuth redirect. */
export interface RedirectListener {
  /** `http://127.0.0.1:{port}/callback`: the `redirect_uri` to register and send. */
  redirectUri: string;
  /** The unguessable `state` the redirect must carry back (RFC 6749 §10.12). */
  state: string;
  /** Resolves with the redirect's query once one with the right `state` arrives. */
  wait(): Promise<URLSearchParams>;
  close(): Promise<void>;
}

const PATH = "/callback";

/**
 * Listens on 127.0.0.1 for the authorization server's redirect (RFC 8252 §7.3: a loopback
 * redirect on the IP literal, not `localhost`, so no resolver can send it elsewhere). The
 * first request to `/callback` settles the flow: a code with the right `state` resolves,
 * `error=…` rejects with `CONSENT_DENIED`, a wrong or missing `state` with `STATE_MISMATCH`
 * (a forged redirect, RFC 6749 §10.12); no request within `timeoutMs` rejects with
 * `CONSENT_TIMEOUT`. The page shown to the browser never repeats the code.
 */
export async function listenForRedirect(options: RedirectListenerOptions): Promise<RedirectListener> {
  const state = randomBytes(24).toString("base64url");
  let settle: { resolve: (q: URLSearchParams) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<URLSearchParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody awaits yet (wait() not called) must not crash the process.
  result.catch(() => undefined);
  let settled = false;
  const finish = (outcome: URLSearchParams | Error) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (outcome instanceof Error) settle?.reject(outcome);
    else settle?.resolve(outcome);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== PATH) {
      page(res, 404, "Not found.");
      return;
    }
    if (settled) {
      page(res, 410, "This sign-in has already finished. You can close this window.");
      return;
    }
    const query = url.searchParams;
    if (query.get("state") !== state) {
      page(res, 400, "This redirect does not belong to the sign-in in progress (state mismatch). Start again.");
      finish(new CliError("STATE_MISMATCH", "the redirect carried a wrong or missing state; start the sign-in again"));
      return;
    }
    const error = query.get("error");
    if (error !== null) {
      page(res, 400, "Access was not granted. You can close this window.");
      const description = query.get("error_description");
      const why = description ? ` (${description.slice(0, 200)})` : "";
      finish(new CliError("CONSENT_DENIED", `the authorization server answered error "${error.slice(0, 100)}"${why}`));
      return;
    }
    if (!query.get("code")) {
      page(res, 400, "The redirect carried no authorization code. Start again.");
      finish(new CliError("CONSENT_DENIED", "the redirect carried neither a code nor an error"));
      return;
    }
    page(res, 200, "hirekit received the authorization. You can close this window and return to the terminal.");
    finish(query);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) =>
      reject(new CliError("USAGE", `cannot listen on 127.0.0.1:${options.port}: ${(err as NodeJS.ErrnoException).code}`)),
    );
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const timer = setTimeout(
    () => finish(new CliError("CONSENT_TIMEOUT", `no redirect arrived within ${options.timeoutMs / 1000} s (--timeout)`)),
    options.timeoutMs,
  );
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${PATH}`,
    state,
    wait: () => result,
    close: () =>
      new Promise<void>((resolve) => {
        finish(new CliError("FAILED", "the redirect listener was closed"));
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function page(res: ServerResponse, status: number, text: string): void {
  res
    .writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      connection: "close",
    })
    .end(`<!doctype html><meta charset="utf-8"><title>hirekit</title><p>${text}</p>\n`);
}
