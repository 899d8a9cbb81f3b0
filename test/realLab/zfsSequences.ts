/**
 * Options come before operands: zfs-fuse's getopt (glibc) also takes them after, Solaris's does not.
 *
 * ZFS command sequences run on a simulated zfs-fuse host and on a real-component lab host
 * (zfsDifferential.test.ts). Every dataset lives under the pool `tank`, mounted at /mnt/tank;
 * each sequence keeps to its own subtree and may build on the ones before it.
 */
export type Step =
  /** One command line, split on spaces. */
  | { run: string }
  /** The relay transport: `send`'s stdout into `receive`'s stdin, two commands on the host. */
  | { send: string; receive: string }
  /** New data (a few blocks) written into a mounted filesystem; not a zfs command. */
  | { write: string };

export interface Sequence {
  name: string;
  steps: Step[];
}

const run = (...lines: string[]): Step[] => lines.map((line) => ({ run: line }));

export const SEQUENCES: readonly Sequence[] = [
  {
    name: 'create, user properties, get -H -p -o …,source, list -H',
    steps: run(
      'zfs create tank/p',
      'zfs create -o org.example:x=hello tank/p/a',
      'zfs create tank/p/a/b',
      'zfs set org.example:y=world tank/p',
      'zfs get -r -H -p -o name,property,value,source org.example:x,org.example:y tank/p',
      'zfs get -H -o name,property,value,source type,mountpoint,canmount,compression tank/p/a',
      'zfs get -H -p -o name,property,value,source guid,creation tank/p',
      'zfs inherit org.example:y tank/p',
      'zfs get -H -o name,property,value,source org.example:y tank/p/a',
      'zfs list -r -H -o name,mountpoint tank/p',
      'zfs list -r -H tank/p',
    ),
  },
  {
    name: 'errors: existing and orphan datasets, unknown properties, what zfs-fuse lacks',
    steps: run(
      'zfs create tank/p',
      'zfs create tank/missing/child',
      'zfs get -H -o value written tank/p',
      'zfs list -H -p -o name tank/p',
      'zfs get -H -o value org.example:unset tank/p',
      'zfs send -r tank/p@one',
      'zfs receive -o org.example:x=1 tank/zz',
    ),
  },
  {
    name: 'snapshots',
    steps: run(
      'zfs snapshot tank/p@one',
      'zfs snapshot -r tank/p@two',
      'zfs list -r -H -t snapshot -o name tank/p',
      'zfs snapshot tank/p@one',
      'zfs snapshot tank/nope@x',
    ),
  },
  {
    name: 'full -R stream into a missing destination, then re-sent into the existing one',
    steps: [
      ...run('zfs create -o org.example:x=sent tank/r', 'zfs create tank/r/k'),
      { write: 'tank/r' },
      ...run('zfs snapshot -r tank/r@s1'),
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u tank/c' },
      ...run(
        'zfs get -r -H -o name,property,value,source org.example:x tank/c',
        'zfs list -r -H -o name -t all tank/c',
      ),
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u tank/c' },
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u -F tank/c' },
    ],
  },
  {
    name: 'incremental -R stream, then re-sent (snapshot exists)',
    steps: [
      { write: 'tank/r' },
      ...run('zfs snapshot -r tank/r@s2'),
      { send: 'zfs send -R -i @s1 tank/r@s2', receive: 'zfs receive -u tank/c' },
      ...run('zfs list -r -H -o name -t snapshot tank/c'),
      { send: 'zfs send -R -i @s1 tank/r@s2', receive: 'zfs receive -u tank/c' },
      { send: 'zfs send -R -i @s1 tank/r@s2', receive: 'zfs receive -v -u tank/c' },
    ],
  },
  {
    name: 'incremental into a modified destination, then with -F',
    steps: [
      ...run('zfs mount tank/c'),
      { write: 'tank/c' },
      ...run('zfs snapshot -r tank/r@s3'),
      { send: 'zfs send -R -i @s2 tank/r@s3', receive: 'zfs receive -u tank/c' },
      { send: 'zfs send -R -i @s2 tank/r@s3', receive: 'zfs receive -u -F tank/c' },
      ...run('zfs list -r -H -o name -t snapshot tank/c'),
    ],
  },
  {
    name: 'received properties: a local override, inherit -S, inherit, the received column',
    steps: run(
      'zfs set org.example:x=over tank/c',
      'zfs get -H -o name,property,value,received,source org.example:x tank/c',
      'zfs inherit -S org.example:x tank/c',
      'zfs get -H -o name,property,value,received,source org.example:x tank/c',
      'zfs inherit org.example:x tank/c',
      'zfs get -r -H -o name,property,value,received,source org.example:x tank/c',
    ),
  },
  {
    name: 'receive -d and -e below an existing parent, -I, a plain incremental',
    steps: [
      ...run('zfs create tank/dd'),
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u -d tank/dd' },
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u -e tank/ee' },
      { send: 'zfs send -R tank/r@s1', receive: 'zfs receive -u -e tank/dd' },
      { send: 'zfs send -I @s1 tank/r@s3', receive: 'zfs receive -u tank/dd/r' },
      { send: 'zfs send -i @s1 tank/r/k@s2', receive: 'zfs receive -u tank/dd/r/k' },
      ...run('zfs list -r -H -o name -t all tank/dd'),
      ...run('zfs create tank/ff'),
      { send: 'zfs send -v -R tank/r@s3', receive: 'zfs receive -u -d tank/ff' },
      { send: 'zfs send -v -i @s2 tank/r/k@s3', receive: 'zfs receive -v -u tank/dd/r/k' },
      ...run('zfs send -c tank/r@s1'),
    ],
  },
  {
    name: 'destroy: missing, parent, held snapshot',
    steps: run(
      'zfs destroy tank/nope',
      'zfs destroy tank/p',
      'zfs destroy tank/p@nope',
      'zfs destroy tank',
      'zfs hold keep tank/p@one',
      'zfs destroy tank/p@one',
      'zfs release keep tank/p@one',
      'zfs destroy tank/p@one',
      'zfs hold -r deep tank/p@two',
      'zfs hold -r deep tank/p@two',
      'zfs release other tank/p@two',
      'zfs hold keep tank/p@nope',
      // zfs-fuse cannot destroy a mounted tree at once ("dataset is busy", docs/fidelity.md).
      'zfs destroy -r tank/p',
      'zfs unmount tank/p',
      'zfs destroy -r tank/p',
      'zfs release -r deep tank/p@two',
      'zfs destroy -r tank/p',
      'zfs list -r -H -o name tank',
    ),
  },
  {
    name: 'rollback over newer snapshots',
    steps: [
      ...run('zfs create tank/rb', 'zfs snapshot tank/rb@a'),
      { write: 'tank/rb' },
      ...run(
        'zfs snapshot tank/rb@b',
        'zfs rollback tank/rb@a',
        'zfs rollback -r tank/rb@a',
        'zfs list -r -H -o name -t snapshot tank/rb',
        'zfs rollback tank/rb@zz',
      ),
    ],
  },
];
