/** What hirekit knows about one vendor it has a client for. */
export interface HirekitVendorInfo {
  /** The vendor's name as people write it. */
  title: string;
  /** The package of its client. */
  package: string;
  /** Its OpenAPI document, under `specs/`. */
  spec: string;
  /** Line, branch, function and statement coverage its package's sources must keep, in %. */
  coverage: number;
}

/**
 * The vendors hirekit has a client for. This one list drives the fakes' vendor type
 * (`SpecVendor`), the CLI's vendor list and help, the spec lint (`redocly.yaml`, checked
 * against it by the tests) and the coverage floors (`vitest.config.ts` reads it): adding a
 * vendor here makes each of those fail until it knows the vendor.
 *
 * @example
 * ```ts
 * for (const [name, vendor] of Object.entries(HIREKIT_VENDORS)) console.log(name, vendor.package);
 * ```
 */
export const HIREKIT_VENDORS = {
  bullhorn: { title: "Bullhorn", package: "@hirekit/bullhorn", spec: "bullhorn.openapi.yaml", coverage: 90 },
  pcrecruiter: { title: "PCRecruiter", package: "@hirekit/pcrecruiter", spec: "pcrecruiter.openapi.yaml", coverage: 90 },
  "zoho-recruit": { title: "Zoho Recruit", package: "@hirekit/zoho-recruit", spec: "zoho-recruit.openapi.yaml", coverage: 90 },
  smartrecruiters: {
    title: "SmartRecruiters",
    package: "@hirekit/smartrecruiters",
    spec: "smartrecruiters.openapi.yaml",
    coverage: 90,
  },
  sterling: { title: "Sterling", package: "@hirekit/sterling", spec: "sterling.openapi.yaml", coverage: 90 },
} as const satisfies Record<string, HirekitVendorInfo>;

/** A vendor hirekit has a client for: `"bullhorn"`, `"pcrecruiter"`, `"zoho-recruit"`, `"smartrecruiters"`, `"sterling"`. */
export type HirekitVendor = keyof typeof HIREKIT_VENDORS;
