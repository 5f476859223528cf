// Shared by the nock (wire-format) test files: no real network, and every interceptor a
// test declares must have been used by it.
import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

export function useNock() {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}
