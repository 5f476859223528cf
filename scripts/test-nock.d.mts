/** Registers vitest hooks: no real network, and every declared nock interceptor used by its test. */
export function useNock(): void;
