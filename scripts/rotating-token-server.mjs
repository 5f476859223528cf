// A loopback OAuth server whose refresh tokens are single-use: each refresh answers with a
// new one and kills the old one; presenting a spent one again revokes the whole grant, as
// RFC 9700 §4.14.2 tells servers to. `/token` is the token endpoint; every other path is
// the API, which answers 200 to a live access token and 401 otherwise. Shared by the
// rotation tests of several packages and by the fleet benchmark.
import { startLoopbackServer } from "./test-server.mjs";

export async function startRotatingServer(options = {}) {
  const lifetimeS = options.lifetimeS ?? 3600;
  const rotate = options.rotate ?? true;
  const revokeOnReuse = options.revokeOnReuse ?? true;
  const prefix = options.prefix ?? "R";
  let current = options.seed ?? `${prefix}1`;
  let generation = 1;
  let issued = 0;
  const spent = new Set();
  const live = new Map();
  const state = {
    sent: [],
    reused: [],
    rotations: 0,
    revoked: false,
    apiRequests: 0,
    apiRejected: 0,
    tokenInflight: 0,
    lastTokenAnswerAt: 0,
    failNext: undefined,
  };
  const server = await startLoopbackServer(async (req, body, res) => {
    const reply = (status, payload) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    if (req.url === "/token") {
      const presented = new URLSearchParams(body.toString()).get("refresh_token") ?? "";
      state.sent.push(presented);
      state.tokenInflight++;
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      state.tokenInflight--;
      state.lastTokenAnswerAt = Date.now();
      if (state.failNext !== undefined) {
        const { status, body: failure } = state.failNext;
        state.failNext = undefined;
        return reply(status, failure);
      }
      if (spent.has(presented)) {
        state.reused.push(presented);
        if (revokeOnReuse) state.revoked = true;
        return reply(400, { error: "invalid_grant", error_description: "refresh token already used" });
      }
      if (state.revoked || presented !== current) return reply(400, { error: "invalid_grant" });
      issued++;
      const accessToken = `${options.accessPrefix ?? "A"}${issued}`;
      live.set(accessToken, Date.now() + lifetimeS * 1000);
      const answer = { access_token: accessToken, token_type: "Bearer", expires_in: lifetimeS };
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
  return Object.assign(server, { state, current: () => current, tokenUrl: `${server.url}/token` });
}
