import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { type RecordingServer, startRecordingServer } from "../../../scripts/test-server.mjs";
import { type CliIo, type RunCliOptions, runCli } from "../src/index.js";

export interface Recorded {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  form: URLSearchParams;
}

export type TestServer = RecordingServer<Recorded>;
export type Handler = TestServer["handler"];

/** A real HTTP server on 127.0.0.1 with a replaceable handler and a request log. */
export function startServer(handler: Handler): Promise<TestServer> {
  return startRecordingServer(
    (req, body, url): Recorded => ({
      method: req.method ?? "",
      url: new URL(req.url ?? "/", url),
      headers: req.headers,
      form: new URLSearchParams(body.toString("utf8")),
    }),
    handler,
  );
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export const SECRET = "s3cr3t-client-secret-value";
export const CODE = "1000.grant-code-abcdef";
export const REFRESH = "1000.refresh-token-0123456789";
export const ACCESS = "1000.access-token-9876543210";

export interface FakeAuthorizationServerOptions {
  /** Path of the consent page (`/oauth/v2/auth` for Zoho, `/identity/oauth/allow` for SmartRecruiters). */
  consentPath: string;
  tokenPath: string;
  /** Extra query parameters added to the redirect (Zoho's `location`, `accounts-server`). */
  redirectExtras?: (self: TestServer) => Record<string, string>;
  /** How the consent page answers: grant (default), deny, or a forged state. */
  consent?: "grant" | "deny" | "forged-state";
  /** The token endpoint's JSON answer for a good request. */
  tokenAnswer?: Record<string, unknown>;
  /** Status of the token endpoint's answer (default 200). */
  tokenStatus?: number;
}

/**
 * A fake authorization server: the consent page redirects (302) to the `redirect_uri` it
 * was given with a code and the same `state`; the token endpoint accepts that code once, with
 * the right client secret and redirect URI, and answers OAuth errors otherwise.
 */
export function startFakeAuthorizationServer(options: FakeAuthorizationServerOptions): Promise<TestServer> {
  let redirectUri: string | undefined;
  let used = false;
  return startServer((req, res, self) => {
    if (req.method === "GET" && req.url.pathname === options.consentPath) {
      redirectUri = req.url.searchParams.get("redirect_uri") ?? undefined;
      const target = new URL(redirectUri as string);
      const consent = options.consent ?? "grant";
      if (consent === "deny") target.searchParams.set("error", "access_denied");
      else target.searchParams.set("code", CODE);
      for (const [k, v] of Object.entries(options.redirectExtras?.(self) ?? {})) target.searchParams.set(k, v);
      target.searchParams.set("state", consent === "forged-state" ? "forged" : (req.url.searchParams.get("state") ?? ""));
      res.writeHead(302, { location: target.href }).end();
      return;
    }
    if (req.method === "POST" && req.url.pathname === options.tokenPath) {
      const f = req.form;
      if (f.get("grant_type") !== "authorization_code" || f.get("code") !== CODE || used) {
        json(res, 400, { error: "invalid_grant" });
        return;
      }
      // A data-centre server that did not show the consent page cannot know the redirect URI.
      if (f.get("client_secret") !== SECRET || (redirectUri !== undefined && f.get("redirect_uri") !== redirectUri)) {
        json(res, 401, { error: "invalid_client", error_description: `bad client ${f.get("client_secret")}` });
        return;
      }
      used = true;
      json(
        res,
        options.tokenStatus ?? 200,
        options.tokenAnswer ?? { access_token: ACCESS, refresh_token: REFRESH, token_type: "Bearer", expires_in: 3600 },
      );
      return;
    }
    res.writeHead(404).end();
  });
}

/** The scripted browser: opens the consent URL, follows its redirect to the CLI's listener, returns that page. */
export async function browse(consentUrl: string): Promise<{ status: number; text: string; location: string }> {
  const consent = await fetch(consentUrl, { redirect: "manual" });
  const location = consent.headers.get("location");
  if (consent.status !== 302 || location === null) throw new Error(`consent page answered ${consent.status}`);
  const page = await fetch(location);
  return { status: page.status, text: await page.text(), location };
}

export interface Run {
  code: number;
  out: string[];
  err: string[];
  /** The listener's answers to the scripted browser. */
  pages: Array<{ status: number; text: string; location: string }>;
  opened: string[];
}

/**
 * Runs `runCli` in this process like a user at a terminal: every consent URL it prints (a
 * line starting with `consentPrefix`) is opened by the scripted browser.
 */
export async function runInProcess(
  argv: string[],
  env: Record<string, string>,
  options: { consentPrefix?: string; promptSecret?: CliIo["promptSecret"]; cli?: RunCliOptions } = {},
): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [], pages: [], opened: [] };
  const browsing: Promise<void>[] = [];
  const io: CliIo = {
    out: (line) => {
      run.out.push(line);
      if (options.consentPrefix !== undefined && line.startsWith(options.consentPrefix)) {
        browsing.push(browse(line).then((page) => void run.pages.push(page)));
      }
    },
    err: (line) => void run.err.push(line),
    env,
    promptSecret: options.promptSecret,
    openBrowser: (url) => void run.opened.push(url),
  };
  run.code = await runCli(argv, io, options.cli);
  await Promise.all(browsing);
  return run;
}

export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** Fails with a clear message when the executable was not built. */
export function requireBuiltBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm exec tsdown" in packages/cli (pnpm build does it)`);
}

export interface Spawned {
  child: ChildProcess;
  code: Promise<number>;
  out: string[];
  err: string[];
  pages: Array<{ status: number; text: string; location: string }>;
}

/**
 * Spawns `node dist/bin.js …` as a user would, with `env` added to a clean environment (no
 * terminal: stdin is a pipe, so no prompt). Lines starting with `consentPrefix` are opened by
 * the scripted browser.
 */
export function spawnCli(argv: string[], env: Record<string, string>, consentPrefix?: string): Spawned {
  requireBuiltBin();
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const spawned: Spawned = { child, code: Promise.resolve(-1), out: [], err: [], pages: [] };
  const browsing: Promise<void>[] = [];
  const lines = (stream: NodeJS.ReadableStream, sink: string[], onLine?: (line: string) => void) => {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() as string;
      for (const line of parts) {
        sink.push(line);
        onLine?.(line);
      }
    });
    return new Promise<void>((resolve) =>
      stream.on("end", () => {
        if (buffered !== "") sink.push(buffered);
        resolve();
      }),
    );
  };
  const done = Promise.all([
    lines(child.stdout as NodeJS.ReadableStream, spawned.out, (line) => {
      if (consentPrefix !== undefined && line.startsWith(consentPrefix)) {
        browsing.push(browse(line).then((page) => void spawned.pages.push(page)));
      }
    }),
    lines(child.stderr as NodeJS.ReadableStream, spawned.err),
  ]);
  spawned.code = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1))).then(async (code) => {
    await done;
    await Promise.all(browsing);
    return code;
  });
  return spawned;
}

/** Every line of a run, for "no secret printed" assertions. */
export function transcript(run: { out: string[]; err: string[] }): string {
  return [...run.out, ...run.err].join("\n");
}
