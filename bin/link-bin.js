#!/usr/bin/env node
'use strict';
// Links `node_modules/.bin/ttg` to `bin/ttg.js` (run by `npm run build`, so by `npm ci` and `npm start`).
// `npx ttg` then finds the command at once. With a "bin" entry in package.json instead, npm treats the
// project as a package to install into its npx cache and reads every package under node_modules first
// (a minute or more on a first run).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const modules = path.join(root, 'node_modules');
if (!fs.existsSync(modules) || fs.realpathSync(modules) !== modules) {
  // No packages installed yet, or node_modules shared from another checkout: nothing of ours to link.
  process.exit(0);
}
const binDir = path.join(modules, '.bin');
const link = path.join(binDir, 'ttg');
const target = path.join('..', '..', 'bin', 'ttg.js');
fs.mkdirSync(binDir, { recursive: true });
try {
  if (fs.readlinkSync(link) === target) process.exit(0);
  fs.unlinkSync(link);
} catch {
  // no link yet
}
fs.symlinkSync(target, link);
