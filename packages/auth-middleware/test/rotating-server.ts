import { startLoopbackServer } from "../../../scripts/test-server.mjs";

export interface RotatingServerOptions {
  /** Access-token lifetime (`expires_in`, seconds). */
  lifetimeS?: number;
  /** Answers a token request after this long. */
  latencyMs?: number;
  /** `false`: a server that never rotates (Zoho): no `refresh_token` in its answers. */
  rotate?: boolean;
  /** `false`: a spent refresh token is refused, but the grant survives (no reuse detection). */
  revokeOnReuse?: boolean;
  /** The grant's first refresh token. */
  seed?: string;
  /** Refresh tokens are `<prefix><generation>` (default `R`: R1, R2, …). */
  prefix?: string;
  /** Access tokens are `<accessPrefix><n>` (default `A`). */
  accessPrefix?: string;
}

/**
 * A loopback OAuth server whose refresh tokens are single-use: each refresh answers with a
 * new one and kills the old one; presenting a spent one again revokes the whole grant, as
 * RFC 9700 §4.14.2 tells servers to. `/token` is the token endpoint; every other path is
 * the API, which answers 200 to a live access token and 401 otherwise.
 */
export async function startRotatingServer(options: RotatingServerOptions = {}) {
  const lifetimeS = options.lifetimeS ?? 3600;
  const rotate = options.rotate ?? true;
  const revokeOnReuse = options.revokeOnReuse ?? true;
  const prefix = options.prefix ?? "R";
  let current = options.seed ?? `${prefix}1`;
  let generation = 1;
  let issued = 0;
  const spent = new Set<string>();
  const live = new Map<string, number>();
  const state = {
    /** Every refresh token presented, in order. */
    sent: [] as string[],
    /** Refresh tokens presented after they were spent. */
    reused: [] as string[],
    rotations: 0,
    revoked: false,
    apiRequests: 0,
    apiRejected: 0,
    /** Token requests being answered now, and when the last answer was sent (epoch ms). */
    tokenInflight: 0,
    lastTokenAnswerAt: 0,
    /** Set to answer token requests with a given status and body instead (then cleared). */
    failNext: undefined as { status: number; body: unknown } | undefined,
  };
  const server = await startLoopbackServer(async (req, body, res) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/token") {
      const form = new URLSearchParams(body.toString());
      const presented = form.get("refresh_token") ?? "";
      state.sent.push(presented);
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (state.failNext !== undefined) {
        const { status, body } = state.failNext;
        state.failNext = undefined;
        return reply(status, body);
      }
      if (spent.has(presented)) {
        state.reused.push(presented);
        if (revokeOnReuse) state.revoked = true;
        return reply(400, { error: "invalid_grant", error_description: "refresh token already used" });
      }
      if (state.revoked || presented !== current) return reply(400, { error: "invalid_grant" });
      issued++;
      const accessToken = `A${issued}`;
      live.set(accessToken, Date.now() + lifetimeS * 1000);
      const answer: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", expires_in: lifetimeS };
      if (rotate) {
        spent.add(current);
        generation++;
        current = `${prefix}${generation}`;
        state.rotations++;
        answer.refresh_token = current;
      }
      return reply(200, answer);
    }
    state.apiRequests++;
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const until = live.get(token);
    if (until === undefined || Date.now() > until || state.revoked) {
      state.apiRejected++;
      return reply(401, { message: "unauthorized" });
    }
    return reply(200, { auth: token });
  });
  return Object.assign(server, {
    state,
    /** The refresh token the server will accept next. */
    current: () => current,
    tokenUrl: `${server.url}/token`,
  });
}

export type RotatingServer = Awaited<ReturnType<typeof startRotatingServer>>;
