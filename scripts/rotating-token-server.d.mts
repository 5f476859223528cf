export interface RotatingServerOptions {
  /** Access-token lifetime (`expires_in`, seconds; default 3600). */
  lifetimeS?: number;
  /** Answers a token request after this long. */
  latencyMs?: number;
  /** `false`: a server that never rotates (Zoho): no `refresh_token` in its answers. */
  rotate?: boolean;
  /** `false`: a spent refresh token is refused, but the grant survives (no reuse detection). */
  revokeOnReuse?: boolean;
  /** The grant's first refresh token (default `<prefix>1`). */
  seed?: string;
  /** Refresh tokens are `<prefix><generation>` (default `R`: R1, R2, …). */
  prefix?: string;
  /** Access tokens are `<accessPrefix><n>` (default `A`). */
  accessPrefix?: string;
}

export interface RotatingServerState {
  /** Every refresh token presented, in order. */
  sent: string[];
  /** Refresh tokens presented after they were spent. */
  reused: string[];
  rotations: number;
  revoked: boolean;
  apiRequests: number;
  apiRejected: number;
  /** Token requests being answered now, and when the last answer was sent (epoch ms). */
  tokenInflight: number;
  lastTokenAnswerAt: number;
  /** Set to answer the next token request with this status and body instead (then cleared). */
  failNext: { status: number; body: unknown } | undefined;
}

export interface RotatingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  tokenUrl: string;
  state: RotatingServerState;
  /** The refresh token the server will accept next. */
  current(): string;
  close(): Promise<void>;
}

/** A loopback OAuth server with single-use refresh tokens and reuse detection (RFC 9700 §4.14.2). */
export function startRotatingServer(options?: RotatingServerOptions): Promise<RotatingServer>;
