import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface TokenServer {
  url: string;
  /** Token requests received, with the worker that sent each. */
  requests: string[];
  /** When set, answers nothing to the request (simulates a refresh that never completes). */
  hang?: (worker: string) => boolean;
  close(): Promise<void>;
}

/** A loopback server that is both the token endpoint (/token) and the API (/records). */
export async function startFleetServer(options: { lifetimeS: number; latencyMs: number }): Promise<TokenServer> {
  let issued = 0;
  const state: TokenServer = { url: "", requests: [], close: () => close() };
  const server: Server = createServer(async (req, res) => {
    if (req.url === "/token") {
      const worker = String(req.headers["x-worker"]);
      state.requests.push(worker);
      if (state.hang?.(worker)) return; // never answers
      await new Promise((r) => setTimeout(r, options.latencyMs));
      issued++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: `fleet-${issued}`, token_type: "bearer", expires_in: options.lifetimeS }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ auth: req.headers.authorization }));
  });
  server.maxConnections = 10_000;
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

export interface WorkerResult {
  worker: string;
  ok: number;
  failed: number;
  credentials: string[];
  events: string[];
}

export interface Worker {
  id: string;
  child: ChildProcess;
  /** Fires one round of concurrent requests and resolves with its result. */
  round(): Promise<WorkerResult>;
  exit(): Promise<void>;
}

const workerScript = fileURLToPath(new URL("./fixtures/worker.mjs", import.meta.url));

/** A real child process of the fleet (see fixtures/worker.mjs), ready when this resolves. */
export async function startWorker(id: string, env: Record<string, string>): Promise<Worker> {
  const child = spawn(process.execPath, [workerScript], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const queue: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  lines.on("line", (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const queued = queue.shift();
      if (queued !== undefined) return resolve(queued);
      waiters.push(resolve);
      child.once("exit", (code) => reject(new Error(`worker ${id} exited with ${code}`)));
    });
  await next(); // ready
  return {
    id,
    child,
    async round() {
      child.stdin?.write("go\n");
      return JSON.parse(await next()) as WorkerResult;
    },
    async exit() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.stdin?.write("exit\n");
      await exited;
    },
  };
}
