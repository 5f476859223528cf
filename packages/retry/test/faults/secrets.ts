/**
 * The secrets of the fault suite. Every one is listed in scripts/leak-scan.mjs's registry
 * (TEST_SECRETS), which fails CI when any of them shows up in the suite's output.
 */
export const FAULT_SECRETS = {
  clientId: "fault-client-id",
  clientSecret: "fault-test-client-secret-7f3a",
  /** Access tokens the fault token endpoint issues: `fault-access-token-1`, `-2`, … */
  accessTokenPrefix: "fault-access-token-",
} as const;
