// dependency-cruiser: what `tests/server/import-cycles.test.ts` checks (and `npx depcruise server
// core --config .dependency-cruiser.cjs` shows). Type-only imports count: a cycle of types still
// ties the files together.
module.exports = {
  forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
