import type { IncomingMessage, ServerResponse } from "node:http";

export interface LoopbackServerHandle {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** A real node:http server on a free loopback port; `onRequest` gets the whole body. */
export function startLoopbackServer(
  onRequest: (req: IncomingMessage, body: Buffer, res: ServerResponse) => unknown,
  options?: { keepAliveTimeout?: number },
): Promise<LoopbackServerHandle>;
