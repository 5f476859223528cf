import type { IncomingMessage } from "node:http";
import type { LoopbackServerHandle } from "./test-server.mjs";

/** A loopback vendor that answers `answer(echo, req, body)`; `echo` copies the whole request. */
export function startEchoServer(
  answer: (echo: string, req: IncomingMessage, body: Buffer) => [status: number, json: unknown],
): Promise<LoopbackServerHandle>;

/** `message`, `JSON.stringify`, `util.inspect` and `stack` of an error. */
export function printedForms(err: unknown): { message: string; json: string; inspect: string; stack: string };

/** Which of `secrets` (raw, URL-encoded or Base64) appear in any printed form of `err`. */
export function leakedSecrets(err: unknown, secrets: readonly string[]): string[];
