// The Debian packages the real-component tests run (the lab in test/realLab, the browser in
// test/ui): installed by `npm test` when missing, as root with apt-get, without letting their
// services start system-wide.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** Installs with service starts denied; a policy-rc.d someone else put there is left alone. */
function installDenyingServiceStarts(names: string[]): void {
  const ours = !existsSync(POLICY_RC_D);
  if (ours) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    aptGet(['update']);
    aptGet(['install', '-y', '--no-install-recommends', ...names]);
  } finally {
    if (ours) unlinkSync(POLICY_RC_D);
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

/** Makes sure the lab's packages are there, or throws one message naming them. Never skips. */
export async function ensureLabPackages(opts: EnsureOptions = {}): Promise<void> {
  const packages = opts.packages ?? PACKAGES;
  const names = packages.map((p) => p.name);
  const missing = missingPackages(packages);
  if (missing.length > 0) {
    const isRoot = opts.isRoot ?? process.getuid?.() === 0;
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
