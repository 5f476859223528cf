import type { IncomingMessage, ServerResponse } from "node:http";
import createClient from "openapi-fetch";
import { type RecordingServer, startRecordingServer } from "../../../scripts/test-server.mjs";
import type { AuthEvent, AuthMiddleware } from "../src/index.js";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type TestServer = RecordingServer<Recorded>;
export type Handler = TestServer["handler"];

/** A real HTTP server on 127.0.0.1 with a replaceable handler and a request log. */
export function startServer(handler: Handler): Promise<TestServer> {
  return startRecordingServer(
    (req, body): Recorded => ({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body }),
    handler,
  );
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An OAuth token endpoint that issues `tok-1`, `tok-2`, … with the given `expires_in`,
 * after `latencyMs`.
 */
export async function startTokenServer(options: { expiresIn?: number | string | null; latencyMs?: number } = {}) {
  let issued = 0;
  const server = await startServer(async (_req, res) => {
    if (options.latencyMs) await sleep(options.latencyMs);
    issued++;
    const body: Record<string, unknown> = { access_token: `tok-${issued}`, token_type: "bearer" };
    if (options.expiresIn !== null) body.expires_in = options.expiresIn ?? 3600;
    json(res, 200, body);
  });
  return Object.assign(server, { issued: () => issued });
}

/**
 * An API that answers 200 with the credential it saw when `accept(header)` says yes,
 * else 401; echoes the request body so replays can be compared byte for byte.
 */
export async function startApiServer(accept: (authorization: string | undefined) => boolean = () => true) {
  return startServer((req, res) => {
    const auth = req.headers.authorization ?? (req.headers["x-smarttoken"] as string | undefined);
    if (!accept(auth)) {
      json(res, 401, { message: "unauthorized" });
      return;
    }
    json(res, 200, {
      auth,
      method: req.method,
      contentType: req.headers["content-type"] ?? null,
      body: req.body.toString("base64"),
    });
  });
}

/** What the engine tests need of a client: any path, any init, untyped results. */
export interface LooseClient {
  // biome-ignore lint/suspicious/noExplicitAny: tests call arbitrary paths on loopback servers and read untyped JSON
  GET(path: string, init?: Record<string, unknown>): Promise<{ data?: any; error?: any; response: Response }>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  POST(path: string, init?: Record<string, unknown>): Promise<{ data?: any; error?: any; response: Response }>;
}

/** An openapi-fetch client on `baseUrl` with `auth` attached (create it after nock is active). */
export function clientFor(baseUrl: string, auth: AuthMiddleware, fetchImpl?: typeof fetch): LooseClient {
  const client = createClient<Record<string, never>>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  client.use(auth);
  return client as unknown as LooseClient;
}

/**
 * As {@link clientFor}, with the middleware's `Request` as openapi-fetch's: requests are built
 * at the API base a login decided. `seen` gets every request before and after the middleware.
 */
export function sessionClientFor(baseUrl: string, auth: AuthMiddleware, seen?: { built: Request[]; sent: Request[] }) {
  const client = createClient<Record<string, never>>({ baseUrl, Request: auth.Request });
  if (seen) client.use({ onRequest: ({ request }) => void seen.built.push(request) });
  client.use(auth);
  if (seen) client.use({ onRequest: ({ request }) => void seen.sent.push(request) });
  return client as unknown as LooseClient;
}

/** Collects events for assertions. */
export function eventLog() {
  const events: AuthEvent[] = [];
  return {
    events,
    onEvent: (e: AuthEvent) => events.push(e),
    of: (type: AuthEvent["type"]) => events.filter((e) => e.type === type),
  };
}

/** A manual clock: `clock()` reads it, `advance(ms)` moves it. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms), set: (t: number) => (now = t) };
}

/** Waits until `predicate` holds (for background work on real I/O), bounded. */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(5);
  }
}
