#!/usr/bin/env node
// Parses each HCL file named on the command line with HashiCorp's own HCL parser (hashicorp/hcl, as WebAssembly
// in @cdktf/hcl2json) and prints {"<file>": <Terraform JSON syntax of the file>} or, for a file that does not
// parse, {"<file>": {"error": "<the parser's diagnostics>"}}. Exit code 0 either way: the caller judges.
const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');

(async () => {
  const out = {};
  for (const file of process.argv.slice(2)) {
    try {
      out[file] = await parse(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      out[file] = { error: String(e) };
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
