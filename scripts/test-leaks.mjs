// Leak tests of the vendor clients (SECURITY.md #1): a loopback vendor that echoes every
// request it gets (credential headers, query, body) into its error bodies, and the check
// that an error, however it is printed, holds none of the secrets.
import { inspect } from "node:util";
import { afterEach } from "vitest";
import { startLoopbackServer } from "./test-server.mjs";

/**
 * Registers the cleanup of the echo servers a test file starts (closed after each test) and
 * returns `startEchoServer(answer)`: a loopback server playing a vendor's token endpoint and
 * API. `answer(echo, seen, req)` returns `[status, jsonBody]`, where `echo` is the request as
 * a hostile or careless server would copy it back (method, URL with its query, every
 * credential-bearing header, the body) and `seen` every echo so far, newest first: the
 * token or login request included.
 */
export function useEchoServers() {
  const servers = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async function startEchoServer(answer) {
    const seen = [];
    const server = await startLoopbackServer((req, body, res) => {
      const headers = ["authorization", "x-smarttoken", "cookie"]
        .filter((name) => req.headers[name] !== undefined)
        .map((name) => `${name}: ${req.headers[name]}`)
        .join("; ");
      const echo = `${req.method} ${req.url} [${headers}] ${body.toString("utf8")}`;
      seen.unshift(echo);
      const [status, json] = answer(echo, seen, req);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
    servers.push(server);
    return server;
  };
}

/** Every way an error is commonly printed: `message`, `JSON.stringify`, `util.inspect`, `stack`. */
export function printedForms(err) {
  const error = /** @type {Error} */ (err);
  return {
    message: String(error?.message),
    json: JSON.stringify(error) ?? "",
    inspect: inspect(error, { depth: 10 }),
    stack: String(error?.stack),
  };
}

/** The secrets of `secrets` (and their Base64 form) found in any printed form of `err`. */
export function leakedSecrets(err, secrets) {
  const printed = Object.entries(printedForms(err));
  const found = [];
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64").replace(/=+$/, "")]) {
      for (const [where, text] of printed) {
        if (text.includes(form)) found.push(`${secret.slice(0, 4)}… in ${where}`);
      }
    }
  }
  return found;
}
