#!/usr/bin/env node
// `pnpm docs`: the API reference of every public package, as HTML in docs/api/ (not
// committed). Each package is converted by TypeDoc on its own (typedoc.json holds the shared
// options: every warning is an error, every exported symbol must carry TSDoc), then the eleven
// are merged into one site. Per package, the exceptions below are named one by one, so that
// a new undocumented export or a new unexported type in a public signature fails.
//
//   node scripts/docs.mjs        (after pnpm build, which the declaration re-exports need)
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Application } from "typedoc";
import { assertBuilt, PUBLIC_PACKAGES, root } from "./pack.mjs";

// Subpath entries (package.json `exports`) documented beside the root entry.
const SUBPATHS = {
  "auth-middleware": ["bullhorn", "pcrecruiter", "smartrecruiters", "sterling", "zoho-recruit"].map((v) => `src/schemes/${v}.ts`),
  "vendor-kit": ["src/common.ts"],
};

// Helper types a public type is written with but that are not part of the API (the
// README and TSDoc describe the public type): TypeDoc's notExported check names them.
const HELPERS = {
  "auth-middleware": ["src/schemes/oauth.ts:OAuthSchemeInternals"],
  pcrecruiter: [
    "src/paginate.ts:PathParamsOf",
    "src/paginate.ts:GetOf",
    "src/paginate.ts:QueryOf",
    "src/paginate.ts:HeaderOf",
    "src/paginate.ts:PathPart",
  ],
  smartrecruiters: ["src/paginate.ts:OkBody", "src/paginate.ts:PaginateParams", "src/paginate.ts:PAGING"],
  bullhorn: ["src/paginate.ts:ListPath", "src/paginate.ts:ListBody"],
  "vendor-kit": ["src/paths.ts:GetOperation", "src/paths.ts:Part", "src/paths.ts:PathParams"],
  "zoho-recruit": [
    "src/paths.ts:UploadPath",
    "src/paths.ts:UploadOperation",
    "src/paths.ts:OtherUploadQuery",
    "src/bulk.ts:JsonBody",
    "src/bulk.ts:PathParams",
    "src/bulk.ts:AnswersWithResults",
    "src/bulk.ts:Answers",
    "src/paginate.ts:ListOf",
    "src/paginate.ts:GetJson",
    "src/paginate.ts:PathParams",
    "src/paginate.ts:GetParameters",
    "src/paginate.ts:Header",
    "src/paginate.ts:Query",
  ],
};

// Exports without TSDoc, in files this script's owners do not edit: the interfaces
// openapi-typescript generates (src/generated/, regenerated from specs/), and members in
// @hirekit/auth-middleware and @hirekit/token-store-redis. Remove an entry once it is
// documented (TypeDoc then warns that the entry is unused, and the build fails).
const UNDOCUMENTED = {
  pcrecruiter: ["components", "operations"],
  bullhorn: ["components", "operations"],
  smartrecruiters: ["components", "operations", "webhooks"],
  sterling: ["components", "operations", "webhooks"],
  "zoho-recruit": ["components", "operations", "webhooks"],
  "token-store-redis": ["IoRedisLike.call", "NodeRedisLike.sendCommand", "EncryptionKeyInput"],
};

// TSDoc links from one package to a symbol another package documents (a re-exported
// RetryOptions linking DEFAULT_RETRY_OPTIONS, say): TypeDoc converts each package alone, so
// they are mapped to the page the merged site has for the symbol; the pages are checked below.
const CROSS_PACKAGE_LINKS = {
  "@hirekit/retry": { DEFAULT_RETRY_OPTIONS: "../variables/_hirekit_retry.DEFAULT_RETRY_OPTIONS.html" },
  "@hirekit/auth-middleware": { TokenStore: "../interfaces/_hirekit_auth-middleware._hirekit_auth-middleware.TokenStore.html" },
};

/** Runs TypeDoc in this process with `options` over typedoc.json; fails on any warning. */
async function typedoc(label, options, produce) {
  const app = await Application.bootstrapWithPlugins({ options: join(root, "typedoc.json"), logLevel: "Warn", ...options });
  const project = await app.convert();
  if (project) app.validate(project);
  if (project === undefined || app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error(`${label}: TypeDoc reported the problems above`);
  }
  await produce(app, project);
}

const work = mkdtempSync(join(tmpdir(), "hirekit-docs-"));
try {
  assertBuilt();
  const started = performance.now();
  const dirs = PUBLIC_PACKAGES.map((name) => name.replace("@hirekit/", ""));
  for (const dir of dirs) {
    await typedoc(
      `@hirekit/${dir}`,
      {
        entryPoints: [
          join(root, `packages/${dir}/src/index.ts`),
          ...(SUBPATHS[dir] ?? []).map((file) => join(root, `packages/${dir}/${file}`)),
        ],
        // Sources only: the other packages are read from their built declarations.
        tsconfig: join(root, `packages/${dir}/tsconfig.build.json`),
        name: `@hirekit/${dir}`,
        readme: join(root, `packages/${dir}/README.md`),
        packagesRequiringDocumentation: [`@hirekit/${dir}`],
        intentionallyNotExported: HELPERS[dir] ?? [],
        intentionallyNotDocumented: UNDOCUMENTED[dir] ?? [],
        externalSymbolLinkMappings: CROSS_PACKAGE_LINKS,
      },
      (app, project) => app.generateJson(project, join(work, `${dir}.json`)),
    );
  }
  rmSync(join(root, "docs/api"), { recursive: true, force: true });
  await typedoc(
    "merge",
    {
      entryPointStrategy: "merge",
      entryPoints: [join(work, "*.json")],
      name: "hirekit",
      readme: join(root, "README.md"),
      externalSymbolLinkMappings: CROSS_PACKAGE_LINKS,
    },
    (app, project) => app.generateDocs(project, join(root, "docs/api")),
  );
  for (const links of Object.values(CROSS_PACKAGE_LINKS)) {
    for (const [symbol, page] of Object.entries(links)) {
      if (!existsSync(join(root, "docs/api/modules", page))) throw new Error(`${symbol}: the site has no ${page}`);
    }
  }
  console.log(
    `API reference of ${dirs.length} packages in docs/api/index.html (${((performance.now() - started) / 1000).toFixed(1)}s, no TypeDoc warning)`,
  );
} catch (error) {
  console.error(`docs FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
