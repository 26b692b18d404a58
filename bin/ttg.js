#!/usr/bin/env node
'use strict';
// The `ttg` command (package.json "bin"): runs the compiled CLI of the policy module.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'libs', 'policy', 'src', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('ttg: run "npm run build" first\n');
  process.exit(2);
}
require(cli)
  .runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ttg: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
