import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { browserCommand, openBrowser } from "../src/browser.js";
import { CliError, EXIT_CODES, exchangeSmartRecruitersAuthorizationCode, nodeIo } from "../src/index.js";
import { promptHidden } from "../src/prompt.js";
import { listenForRedirect } from "../src/redirect-listener.js";
import { ACCESS, CODE, REFRESH, SECRET, startFakeAuthorizationServer, type TestServer } from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("redirect listener", () => {
  it("answers 404 off its path, resolves on the right state, then answers 410", async () => {
    const listener = await listenForRedirect({ port: 0, timeoutMs: 5_000 });
    try {
      const base = new URL(listener.redirectUri);
      expect((await fetch(`${base.origin}/favicon.ico`)).status).toBe(404);
      expect((await fetch(listener.redirectUri, { method: "POST" })).status).toBe(404);
      const ok = await fetch(`${listener.redirectUri}?code=abc&state=${listener.state}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("cache-control")).toBe("no-store");
      expect((await listener.wait()).get("code")).toBe("abc");
      expect((await fetch(`${listener.redirectUri}?code=again&state=${listener.state}`)).status).toBe(410);
    } finally {
      await listener.close();
    }
  });

  it("rejects a redirect with the right state but neither code nor error", async () => {
    const listener = await listenForRedirect({ port: 0, timeoutMs: 5_000 });
    const page = await fetch(`${listener.redirectUri}?state=${listener.state}`);
    expect(page.status).toBe(400);
    await expect(listener.wait()).rejects.toMatchObject({ code: "CONSENT_DENIED", exitCode: EXIT_CODES.consent });
    await listener.close();
  });

  it("uses a fresh unguessable state each time", async () => {
    const a = await listenForRedirect({ port: 0, timeoutMs: 5_000 });
    const b = await listenForRedirect({ port: 0, timeoutMs: 5_000 });
    expect(a.state).not.toBe(b.state);
    expect(Buffer.from(a.state, "base64url")).toHaveLength(24);
    await Promise.all([a.close(), b.close()]);
    await expect(a.wait()).rejects.toMatchObject({ code: "FAILED" });
  });
});

describe("exchangeSmartRecruitersAuthorizationCode", () => {
  it("returns the tokens and their expiry; printing the result shows no token", async () => {
    const server = await startFakeAuthorizationServer({ consentPath: "/allow", tokenPath: "/token" });
    servers.push(server);
    const before = Date.now();
    const grant = await exchangeSmartRecruitersAuthorizationCode({
      clientId: "c",
      clientSecret: SECRET,
      code: CODE,
      redirectUri: "http://127.0.0.1:1/callback",
      tokenUrl: `${server.url}/token`,
    });
    expect(grant.accessToken).toBe(ACCESS);
    expect(grant.refreshToken).toBe(REFRESH);
    expect(grant.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    for (const shown of [inspect(grant), JSON.stringify(grant)]) {
      expect(shown).not.toContain(ACCESS);
      expect(shown).not.toContain(REFRESH);
    }
  });

  it("names a missing code or redirect URI", async () => {
    await expect(
      exchangeSmartRecruitersAuthorizationCode({
        clientId: "c",
        clientSecret: "s",
        code: "",
        redirectUri: "http://127.0.0.1/cb",
      }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION", option: "code" });
    await expect(
      exchangeSmartRecruitersAuthorizationCode({
        clientId: "c",
        clientSecret: "s",
        code: "x",
        redirectUri: undefined as unknown as string,
      }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION", option: "redirectUri" });
  });

  it("uses the fetch it is given and reports no lifetime when none is stated", async () => {
    const calls: string[] = [];
    const grant = await exchangeSmartRecruitersAuthorizationCode({
      clientId: "c",
      clientSecret: "s",
      code: "x",
      redirectUri: "http://127.0.0.1/cb",
      fetch: async (input) => {
        calls.push(String(input));
        return new Response(JSON.stringify({ access_token: "a", refresh_token: "r" }), { status: 200 });
      },
    });
    expect(calls).toEqual(["https://api.smartrecruiters.com/identity/oauth/token"]);
    expect(grant.expiresAt).toBeUndefined();
  });
});

describe("terminal pieces", () => {
  it("reads a secret from the prompt without echoing it", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let echoed = "";
    output.on("data", (chunk) => {
      echoed += String(chunk);
    });
    const answer = promptHidden("Secret: ", input, output);
    input.write("typed-secret-value\n");
    expect(await answer).toBe("typed-secret-value");
    expect(echoed).toContain("Secret: ");
    expect(echoed.endsWith("\n")).toBe(true);
    expect(echoed).not.toMatch(/typed|secret-value/);
  });

  it("answers an empty string when the input closes before a line", async () => {
    const input = new PassThrough();
    const answer = promptHidden("Secret: ", input, new PassThrough());
    input.end();
    expect(await answer).toBe("");
  });

  it("hands Ctrl-C at the prompt back to the process instead of swallowing it", async () => {
    const input = new PassThrough();
    let interrupted = 0;
    const answer = promptHidden("Secret: ", input, new PassThrough(), () => interrupted++);
    input.write("abc\u0003");
    expect(await answer).toBe("");
    expect(interrupted).toBe(1);
  });

  it("picks the platform's opener", () => {
    expect(browserCommand("linux").command).toBe("xdg-open");
    expect(browserCommand("darwin")).toMatchObject({ command: "open" });
    expect(browserCommand("darwin").args("u")).toEqual(["u"]);
    expect(browserCommand("win32").args("https://x/?a=1&b=2")).toEqual(["/c", "start", '""', "https://x/?a=1^&b=2"]);
  });

  it("runs xdg-open with the URL when there is one, and does not fail when there is none", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hirekit-browser-"));
    const log = join(dir, "opened.txt");
    await writeFile(join(dir, "xdg-open"), `#!/bin/sh\nprintf '%s' "$1" > "${log}"\n`);
    await chmod(join(dir, "xdg-open"), 0o755);
    const path = process.env.PATH;
    process.env.PATH = dir;
    try {
      openBrowser("https://accounts.example/consent?x=1", "linux");
      process.env.PATH = join(dir, "empty");
      expect(() => openBrowser("https://accounts.example/", "linux")).not.toThrow();
    } finally {
      process.env.PATH = path;
    }
    let opened = "";
    for (let i = 0; i < 100 && opened === ""; i++) {
      opened = await readFile(log, "utf8").catch(() => "");
      if (opened === "") await new Promise((r) => setTimeout(r, 20));
    }
    expect(opened).toBe("https://accounts.example/consent?x=1");
  });

  it("wires the terminal: stdout, stderr, env, and a prompt only on a TTY", () => {
    const written: string[] = [];
    const fakeProcess = {
      stdout: { write: (s: string) => written.push(`out:${s}`) },
      stderr: { write: (s: string) => written.push(`err:${s}`) },
      stdin: { isTTY: false },
      env: { A: "1" },
      platform: "linux",
    } as unknown as NodeJS.Process;
    const io = nodeIo(fakeProcess);
    io.out("hello");
    io.err("oops");
    expect(written).toEqual(["out:hello\n", "err:oops\n"]);
    expect(io.env).toEqual({ A: "1" });
    expect(io.promptSecret).toBeUndefined();
    const tty = nodeIo({ ...fakeProcess, stdin: { isTTY: true } } as unknown as NodeJS.Process);
    expect(typeof tty.promptSecret).toBe("function");
  });

  it("maps error codes to exit codes", () => {
    expect(new CliError("USAGE", "x").exitCode).toBe(2);
    expect(new CliError("MISSING_SECRET", "x").exitCode).toBe(2);
    expect(new CliError("STATE_MISMATCH", "x").exitCode).toBe(3);
    expect(new CliError("CONSENT_TIMEOUT", "x").exitCode).toBe(3);
    expect(new CliError("FAILED", "x").exitCode).toBe(1);
  });
});
