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

/** A loopback server with a replaceable handler and a log of requests, as `record` shapes them. */
export interface RecordingServer<R> {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: R[];
  handler: (req: R, res: ServerResponse, self: RecordingServer<R>) => unknown;
  close(): Promise<void>;
}

export function startRecordingServer<R>(
  record: (req: IncomingMessage, body: Buffer, url: string) => R,
  handler: RecordingServer<R>["handler"],
): Promise<RecordingServer<R>>;
