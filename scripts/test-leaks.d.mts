import type { IncomingMessage } from "node:http";
import type { LoopbackServerHandle } from "./test-server.mjs";

/**
 * Closes the echo servers after each test; returns `startEchoServer(answer)`, a loopback
 * vendor that answers `answer(echo, seen, req)`: `echo` copies the whole request, `seen`
 * holds every echo so far, newest first.
 */
export function useEchoServers(): (
  answer: (echo: string, seen: readonly string[], req: IncomingMessage) => [status: number, json: unknown],
) => Promise<LoopbackServerHandle>;

/** `message`, `JSON.stringify`, `util.inspect` and `stack` of an error. */
export function printedForms(err: unknown): { message: string; json: string; inspect: string; stack: string };

/** Which of `secrets` (raw, URL-encoded or Base64) appear in any printed form of `err`. */
export function leakedSecrets(err: unknown, secrets: readonly string[]): string[];
