import type { FetchLike } from "../src/index.js";

/** One scripted answer: a status (with headers), or a failure to throw. */
export type Step = { status: number; headers?: Record<string, string>; body?: string } | { throw: unknown };

export interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
}

/** A `fetch` that answers from a script (the last step repeats) and records every attempt it saw. */
export function scripted(...steps: Step[]): FetchLike & { seen: Seen[] } {
  const seen: Seen[] = [];
  const fn = async (request: Request) => {
    const step = steps[Math.min(seen.length, steps.length - 1)] as Step;
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      body: request.body === null || request.body.locked ? "" : await request.text(),
    });
    if ("throw" in step) throw step.throw;
    return new Response(step.body ?? null, { status: step.status, headers: step.headers });
  };
  return Object.assign(fn, { seen });
}

/** What undici throws on a reset or refused connection: `TypeError("fetch failed")` with a coded cause. */
export function socketError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`socket ${code}`), { code }) });
}
