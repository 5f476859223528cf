// The loopback HTTP server the test suites build their helpers on: a real node:http
// server on 127.0.0.1 and a free port. `onRequest` gets the request with its whole body
// already read; `close()` also ends kept-alive connections so a suite never hangs.
import { createServer } from "node:http";

export async function startLoopbackServer(onRequest, { keepAliveTimeout } = {}) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    try {
      await onRequest(req, Buffer.concat(chunks), res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(err));
    }
  });
  server.maxConnections = 10_000;
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A loopback server with a replaceable `handler` and a log of the requests, each shaped by
 * `record(req, body, url)` into what a suite's assertions read.
 */
export async function startRecordingServer(record, handler) {
  const state = { url: "", requests: [], handler, close: async () => undefined };
  const server = await startLoopbackServer(async (req, body, res) => {
    const recorded = record(req, body, state.url);
    state.requests.push(recorded);
    await state.handler(recorded, res, state);
  });
  state.url = server.url;
  state.close = server.close;
  return state;
}
