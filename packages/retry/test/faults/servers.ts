import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => unknown;

export interface LoopbackServer {
  url: string;
  /** Requests received, in order: `METHOD /path`. */
  seen: string[];
  handler: Handler;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 whose handler a test replaces; counts what it received. */
export async function loopback(handler: Handler = (_, res) => res.end()): Promise<LoopbackServer> {
  const state: LoopbackServer = {
    url: "",
    seen: [],
    handler,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain the body so the socket can be reused
    }
    state.seen.push(`${req.method} ${req.url}`);
    await state.handler(req, res, state.seen.length);
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Destroys the socket without an answer: the client sees ECONNRESET / "other side closed". */
export function reset(req: IncomingMessage): void {
  req.socket.destroy();
}
