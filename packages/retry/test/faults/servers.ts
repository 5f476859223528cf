import type { IncomingMessage, ServerResponse } from "node:http";
import { startLoopbackServer } from "../../../../scripts/test-server.mjs";

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
  const state: LoopbackServer = { url: "", seen: [], handler, close: async () => undefined };
  const server = await startLoopbackServer(
    async (req, _body, res) => {
      state.seen.push(`${req.method} ${req.url}`);
      await state.handler(req, res, state.seen.length);
    },
    { keepAliveTimeout: 500 },
  );
  state.url = server.url;
  state.close = server.close;
  return state;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Destroys the socket without an answer: the client sees ECONNRESET / "other side closed". */
export function reset(req: IncomingMessage): void {
  req.socket.destroy();
}
