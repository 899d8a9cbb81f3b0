// The Debian packages the real-component tests run (the lab in test/realLab, the browser in
// test/ui): installed by `npm test` when missing, as root with apt-get, without letting their
// services start system-wide.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mountNamespace, stopPid } from './labProcesses';

export interface LabPackage {
  name: string;
  /** The file that shows it is installed. */
  executable: string;
}

const PACKAGES: readonly LabPackage[] = [
  { name: 'zfs-fuse', executable: '/usr/sbin/zfs-fuse' },
  { name: 'openssh-server', executable: '/usr/sbin/sshd' },
  { name: 'sudo', executable: '/usr/bin/sudo' },
  // The Temporal UI test drives Debian's build: nothing downloads a browser of its own.
  { name: 'chromium', executable: '/usr/bin/chromium' },
];

/** invoke-rc.d asks this script whether it may start a service; 101 means "no" (Debian policy 9.3.3). */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

function missingPackages(packages: readonly LabPackage[]): string[] {
  return packages.filter((p) => !existsSync(p.executable)).map((p) => p.name);
}

function hasAptGet(): boolean {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function aptGet(args: string[]): void {
  execFileSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Installs with service starts denied: our policy-rc.d for the install's length, whatever policy
 * was there (it may allow starts) moved aside and put back after.
 */
function installDenyingServiceStarts(names: string[]): void {
  const saved = existsSync(POLICY_RC_D) ? `${POLICY_RC_D}.zmig-saved` : undefined;
  if (saved) renameSync(POLICY_RC_D, saved);
  writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    aptGet(['update']);
    aptGet(['install', '-y', '--no-install-recommends', ...names]);
  } finally {
    unlinkSync(POLICY_RC_D);
    if (saved) renameSync(saved, POLICY_RC_D);
  }
}

/** zfs-fuse daemons in this process's mount namespace are global ones; lab daemons run in their own. */
async function stopGlobalZfsFuse(): Promise<void> {
  const found = spawnSync('pgrep', ['-x', 'zfs-fuse'], { encoding: 'utf8' });
  const ownNamespace = mountNamespace(process.pid);
  for (const pid of found.stdout.split('\n').filter(Boolean).map(Number)) {
    if (mountNamespace(pid) !== ownNamespace) continue;
    process.stderr.write(`stopping the global zfs-fuse daemon (pid ${pid}): lab hosts run their own\n`);
    await stopPid(pid, 15_000);
  }
}

export interface EnsureOptions {
  packages?: readonly LabPackage[];
  isRoot?: boolean;
  hasApt?: boolean;
}

/**
 * Makes sure the lab's packages are there and the tests can run them (as root), or throws one
 * message saying what is missing. Never skips. A global sshd is left running: it may be how this
 * machine is reached, and lab sshds listen on ports of their own.
 */
export async function ensureLabPackages(opts: EnsureOptions = {}): Promise<void> {
  const packages = opts.packages ?? PACKAGES;
  const names = packages.map((p) => p.name);
  const missing = missingPackages(packages);
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  if (missing.length === 0 && !isRoot)
    throw new Error(
      'the real-component tests (test/realLab) must run as root: each lab host is a private mount namespace ' +
        'with its own zfs-fuse daemon (FUSE) and sshd; run the tests as root',
    );
  if (missing.length > 0) {
    if (!isRoot || !(opts.hasApt ?? hasAptGet())) {
      throw new Error(
        `the real-component tests (test/realLab, test/ui) need the Debian packages ${names.join(', ')}; ` +
          `missing: ${missing.join(', ')}. Run the tests as root on Debian (they are installed with apt-get), ` +
          `or install them first: apt-get install ${missing.join(' ')}`,
      );
    }
    process.stderr.write(`installing ${missing.join(', ')} for the real-component tests (apt-get) …\n`);
    installDenyingServiceStarts(missing);
    const still = missingPackages(packages);
    if (still.length > 0) throw new Error(`apt-get did not install ${still.join(', ')}`);
  }
  await stopGlobalZfsFuse();
}
