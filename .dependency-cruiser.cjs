/**
 * Module boundaries (ARCHITECTURE.md): each server module has one public face, its index.ts, and other
 * modules import only that; the domain is pure (no server, web or Node I/O); server and web never import
 * each other. `npm run lint` runs this.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-face-only',
      comment: "Another server module is reached through its index.ts only (its public face), never its repo, service or views.",
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: {
        path: '^src/server/modules/([^/]+)/.+',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/(index|sql)\\.ts$'],
      },
    },
    {
      name: 'lent-sql-is-a-leaf',
      comment:
        "A module's sql.ts (the SQL it lends to others' queries, part of its face) is imported directly, so query text built at load time never waits on an import cycle through index.ts: it imports no more than another module's sql.ts.",
      severity: 'error',
      from: { path: '^src/server/modules/[^/]+/sql\\.ts$' },
      to: { pathNot: '^src/server/modules/[^/]+/sql\\.ts$' },
    },
    {
      name: 'platform-below-modules',
      comment: 'platform/ is what every module stands on; it never reaches up into a module.',
      severity: 'error',
      from: { path: '^src/server/(platform|db)/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ is shared with the browser: no server, web or Node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/server|src/web)/|^node:|^(fs|path|crypto|os|child_process|worker_threads)$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-circular-modules',
      comment:
        "Server modules may not depend on each other in a circle. A module's routes are registered by app.ts from its routes.ts, not re-exported by its face, so a face that other modules import never drags in every route's imports.",
      severity: 'error',
      from: { path: '^src/server/modules/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(test|e2e)\\.tsx?$|^src/server/testing/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
