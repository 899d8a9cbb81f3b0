// Makes `npm run demo` / `npm test` work on a fresh clone: installs the locked dependencies
// when node_modules is missing or older than package-lock.json. Plain JS: tsx may not exist yet.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  // `npm install`, not `npm ci`: see .ci/run (optional per-platform packages the registry lacks).
  console.log('installing dependencies (npm install) …');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}
