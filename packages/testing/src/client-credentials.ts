import type { FakeAnswer, FakeContext, VendorBehaviour } from "./server.js";

/** How a fake's client-credentials endpoint checks the client and writes its answer. */
export interface ClientCredentialsEndpoint {
  /** The refusal of a client that failed authentication (the vendor's own body), or undefined to issue a token. */
  refuseClient(form: Map<string, string | File>, ctx: Omit<FakeContext, "operation" | "token">): FakeAnswer | undefined;
  /** `expires_in` as the vendor writes it (a number, or Sterling's numeric string). */
  expiresIn(seconds: number): number | string;
}

/**
 * A token endpoint of the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) at `POST path`:
 * another `grant_type` is refused with `unsupported_grant_type` (§5.2), then the vendor checks
 * the client, then a bearer token of the fake's lifetime is issued (§5.1).
 */
export function clientCredentialsEndpoint(
  path: string,
  endpoint: ClientCredentialsEndpoint,
): Pick<VendorBehaviour, "tokenCall" | "token"> {
  return {
    tokenCall: (_origin, method, requested) => (method === "POST" && requested === path ? "token" : undefined),
    async token(ctx, _kind, book, lifetimeMs) {
      const form = await ctx.form();
      if (form.get("grant_type") !== "client_credentials") {
        return {
          status: 400,
          body: { error: "unsupported_grant_type", error_description: "only client_credentials" },
          refused: true,
        };
      }
      const refusal = endpoint.refuseClient(form, ctx);
      if (refusal !== undefined) return { ...refusal, refused: true };
      return {
        status: 200,
        body: { access_token: book.issue(lifetimeMs), token_type: "bearer", expires_in: endpoint.expiresIn(lifetimeMs / 1000) },
      };
    },
  };
}
