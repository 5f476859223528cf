import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseWebhookEvent, SmartRecruitersWebhookError, verifyWebhookSignature, webhookHandshake } from "../src/index.js";

/** Signs a delivery the way SmartRecruiters documents it, with node:crypto (independent of the code under test). */
function sign(secret: string, headers: Record<string, string>, body: string): string {
  const message = [
    headers["smartrecruiters-timestamp"],
    body,
    headers["event-id"],
    headers["event-name"],
    headers["event-version"],
    headers.link,
  ]
    .map((v) => v ?? "")
    .join(".");
  return createHmac("sha256", secret).update(message).digest("hex");
}

const SECRET = "k3Yf9tQ2wLx8ZpR4vB7nM1sD";
const body = JSON.stringify({ job_id: "3f1c2b9e", candidate_id: "7a8b9c0d", application_id: "0d9c8b7a" });
const delivery = {
  "content-type": "application/json",
  "event-id": "6f2b7a4e-1d3c-4b5a-9e8f-0a1b2c3d4e5f",
  "event-name": "application.status.updated",
  "event-version": "v201910",
  link: "<https://api.smartrecruiters.com/candidates/7a8b9c0d/jobs/3f1c2b9e>; rel=self",
  "smartrecruiters-timestamp": "1717236000",
};

describe("verifyWebhookSignature", () => {
  it("reproduces SmartRecruiters' documented example signature", async () => {
    // From the secret-key reference page: key HeBVky2bccvvkcXPimH8c, timestamp 1574080897, event-id 123.
    const headers = {
      "smartrecruiters-signature": "v1=2e9291f10d44ca10204a4cd81b05d73b6a316b2b605d4e2e0e0b37b40198ce1f",
      "smartrecruiters-timestamp": "1574080897",
      "event-id": "123",
      link: "<http://smartrecruiters.com/endpoint>; rel=self",
      "event-name": "application.created",
      "event-version": "v201910",
    };
    const result = await verifyWebhookSignature({
      headers,
      body: '{"job_id":"jid","candidate_id":"cid"}',
      secret: "HeBVky2bccvvkcXPimH8c",
    });
    expect(result).toEqual({ valid: true });
  });

  it("accepts a signed delivery given as a string, bytes or an ArrayBuffer", async () => {
    const headers = { ...delivery, "smartrecruiters-signature": `v1=${sign(SECRET, delivery, body)}` };
    const bytes = new TextEncoder().encode(body);
    for (const raw of [body, bytes, bytes.buffer.slice(0)]) {
      expect(await verifyWebhookSignature({ headers, body: raw, secret: SECRET })).toEqual({ valid: true });
    }
  });

  it("accepts any of several signatures during a key rotation, and any of several keys", async () => {
    const oldKey = "old-key-still-valid-24h";
    const headers = {
      ...delivery,
      "smartrecruiters-signature": `v1=${sign(oldKey, delivery, body)};v1=${sign(SECRET, delivery, body)};v2=future`,
    };
    expect(await verifyWebhookSignature({ headers, body, secret: SECRET })).toEqual({ valid: true });
    expect(await verifyWebhookSignature({ headers, body, secret: ["unrelated", oldKey] })).toEqual({ valid: true });
  });

  it("rejects a tampered body, a tampered header and a wrong key", async () => {
    const headers = { ...delivery, "smartrecruiters-signature": `v1=${sign(SECRET, delivery, body)}` };
    const mismatch = { valid: false, reason: "SIGNATURE_MISMATCH" };
    expect(await verifyWebhookSignature({ headers, body: body.replace("3f1c2b9e", "3f1c2b9f"), secret: SECRET })).toEqual(
      mismatch,
    );
    expect(
      await verifyWebhookSignature({ headers: { ...headers, "event-name": "candidate.deleted" }, body, secret: SECRET }),
    ).toEqual(mismatch);
    expect(await verifyWebhookSignature({ headers, body, secret: "another-key" })).toEqual(mismatch);
  });

  it("treats absent headers as empty strings in the signed text", async () => {
    const sparse = { "event-name": "candidate.created", "event-id": "e1" };
    const headers = { ...sparse, "smartrecruiters-signature": `v1=${sign(SECRET, sparse, '{"id":"c1"}')}` };
    expect(await verifyWebhookSignature({ headers, body: '{"id":"c1"}', secret: SECRET })).toEqual({ valid: true });
  });

  it("names a missing or malformed signature", async () => {
    expect(await verifyWebhookSignature({ headers: delivery, body, secret: SECRET })).toEqual({
      valid: false,
      reason: "MISSING_SIGNATURE",
    });
    for (const value of ["v1=xyz", "sha256=abc", `v1=${"a".repeat(63)}`]) {
      expect(
        await verifyWebhookSignature({ headers: { ...delivery, "smartrecruiters-signature": value }, body, secret: SECRET }),
      ).toEqual({
        valid: false,
        reason: "MALFORMED_SIGNATURE",
      });
    }
  });

  it("checks the timestamp only when a tolerance is given", async () => {
    const headers = { ...delivery, "smartrecruiters-signature": `v1=${sign(SECRET, delivery, body)}` };
    const signedAt = Number(delivery["smartrecruiters-timestamp"]) * 1000;
    expect(
      await verifyWebhookSignature({ headers, body, secret: SECRET, toleranceSeconds: 300, now: () => signedAt + 299_000 }),
    ).toEqual({ valid: true });
    expect(
      await verifyWebhookSignature({ headers, body, secret: SECRET, toleranceSeconds: 300, now: () => signedAt + 301_000 }),
    ).toEqual({
      valid: false,
      reason: "TIMESTAMP_OUT_OF_RANGE",
    });
    const noTimestamp = { ...headers, "smartrecruiters-timestamp": "soon" };
    expect(await verifyWebhookSignature({ headers: noTimestamp, body, secret: SECRET, toleranceSeconds: 300 })).toEqual({
      valid: false,
      reason: "TIMESTAMP_OUT_OF_RANGE",
    });
  });

  it("rejects bad options without echoing the secret", async () => {
    await expect(verifyWebhookSignature({ headers: delivery, body, secret: "" })).rejects.toThrow(/option "secret"/);
    await expect(verifyWebhookSignature({ headers: delivery, body, secret: [] })).rejects.toThrow(/option "secret"/);
    const err = await verifyWebhookSignature({ headers: delivery, body, secret: SECRET, toleranceSeconds: -1 }).catch(
      (e: Error) => e,
    );
    expect(String(err)).toMatch(/option "toleranceSeconds"/);
    expect(String(err)).not.toContain(SECRET);
  });

  it("verifies a real delivery received by a node:http server, with Node's header record", async () => {
    const received: Array<{ status: number; event?: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const handshake = webhookHandshake(req.headers);
        if (handshake) {
          res.writeHead(handshake.status, handshake.headers).end();
          return;
        }
        const raw = Buffer.concat(chunks);
        const check = await verifyWebhookSignature({ headers: req.headers, body: raw, secret: SECRET });
        if (!check.valid) {
          received.push({ status: 401 });
          res.writeHead(401).end(check.reason);
          return;
        }
        const event = parseWebhookEvent(req.headers as IncomingHttpHeaders, raw);
        received.push({ status: 202, event: `${event.name}@${event.id}` });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sr-hooks`;
    try {
      const hs = await fetch(url, { method: "POST", headers: { "X-Hook-Secret": "hs-123" } });
      expect(hs.status).toBe(200);
      expect(hs.headers.get("x-hook-secret")).toBe("hs-123");
      const signature = `v1=${sign(SECRET, delivery, body)}`;
      const ok = await fetch(url, { method: "POST", headers: { ...delivery, "smartrecruiters-signature": signature }, body });
      expect(ok.status).toBe(202);
      const forged = await fetch(url, {
        method: "POST",
        headers: { ...delivery, "smartrecruiters-signature": signature },
        body: body.replace("}", ',"x":1}'),
      });
      expect(forged.status).toBe(401);
      expect(await forged.text()).toBe("SIGNATURE_MISMATCH");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(received).toEqual([{ status: 202, event: `application.status.updated@${delivery["event-id"]}` }, { status: 401 }]);
  });
});

describe("webhookHandshake", () => {
  it("echoes X-Hook-Secret from fetch Headers or a mixed-case record", () => {
    expect(webhookHandshake(new Headers({ "X-Hook-Secret": "abc" }))).toEqual({
      status: 200,
      headers: { "X-Hook-Secret": "abc" },
    });
    expect(webhookHandshake({ "X-Hook-Secret": "def" })).toEqual({ status: 200, headers: { "X-Hook-Secret": "def" } });
    expect(webhookHandshake({ "x-hook-secret": ["a", "b"] })?.headers["X-Hook-Secret"]).toBe("a, b");
  });

  it("returns undefined for an event delivery", () => {
    expect(webhookHandshake(delivery)).toBeUndefined();
    expect(webhookHandshake({ "x-hook-secret": "" })).toBeUndefined();
  });
});

describe("parseWebhookEvent", () => {
  it("reads the event headers, the self link and the id payload", () => {
    const event = parseWebhookEvent(new Headers(delivery), new TextEncoder().encode(body));
    expect(event).toEqual({
      id: delivery["event-id"],
      name: "application.status.updated",
      version: "v201910",
      self: "https://api.smartrecruiters.com/candidates/7a8b9c0d/jobs/3f1c2b9e",
      payload: { job_id: "3f1c2b9e", candidate_id: "7a8b9c0d", application_id: "0d9c8b7a" },
    });
    expect(parseWebhookEvent({ ...delivery, link: undefined }, '{"id":"c1"}').self).toBeUndefined();
  });

  it("throws SmartRecruitersWebhookError for what SmartRecruiters never sends", () => {
    expect(() => parseWebhookEvent({ ...delivery, "event-id": undefined }, body)).toThrow(SmartRecruitersWebhookError);
    expect(() => parseWebhookEvent(delivery, "not json")).toThrow("webhook body is not JSON");
    expect(() => parseWebhookEvent(delivery, "[1]")).toThrow("webhook body is not a JSON object");
  });
});
