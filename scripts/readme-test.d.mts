export interface ReadmeScenario {
  /** Sets up the nock interceptors that play the vendor for this example. */
  arrange: () => void;
  /** The arguments of every console.log call the example makes, in order. */
  logs: unknown[][];
}
export function describeReadmeExamples(options: {
  packageDir: string;
  env?: Record<string, string>;
  scenarios: Record<string, ReadmeScenario>;
  /** Skip running (they still typecheck), e.g. when a service the examples need is absent. */
  skip?: boolean;
}): void;
