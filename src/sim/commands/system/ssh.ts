import type { CommandHandler } from '../../shell/invocation';
import type { CommandIO } from '../../shell/io';
import { print } from '../../shell/io';
import { getopt, last } from '../getopt';

const OPTIONS = 'o:p:i:l:F:b:c:m:E:J:L:R:D:W:TtnqvxaACN46kKfgyMs';

/**
 * `ssh [-o …] [-p port] [user@]host cmd…` inside a pipeline: reaches another host of the same lab
 * (the "direct" transport, `zfs send … | ssh node2 zfs receive …`). Like ssh, the remote words are
 * joined with spaces into the remote command line.
 */
export const ssh: CommandHandler = async (inv) => {
  const o = getopt(inv.args, OPTIONS);
  if ('badOption' in o) {
    print(inv.io.stderr, `ssh: illegal option -- ${o.badOption}\n`);
    return 255;
  }
  const [destination, ...words] = o.operands;
  if (!destination) {
    print(inv.io.stderr, 'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-p port] [-o option] destination [command]\n');
    return 255;
  }
  const hostname = destination.slice(destination.indexOf('@') + 1);
  if (words.length === 0) {
    print(inv.io.stderr, 'Pseudo-terminal will not be allocated because stdin is not a terminal.\n');
    return 255;
  }
  const port = last(o, 'p');
  const target = inv.host.network.resolve(hostname, port === undefined ? undefined : Number(port));
  if (!target) {
    print(inv.io.stderr, `ssh: Could not resolve hostname ${hostname}: Name or service not known\n`);
    return 255;
  }
  // With StrictHostKeyChecking=yes ssh trusts only the keys in its known-hosts files, looked up as
  // `[host]:port` off port 22; otherwise this fails before any command runs (OpenSSH sshconnect.c
  // verify_host_key_callback: fatal "Host key verification failed.", exit 255). Without the option
  // the lab's hosts are taken as already known to each other (inferred).
  const options = o.opts.get('o') ?? [];
  if (options.some((opt) => /^StrictHostKeyChecking[= ]yes$/i.test(opt))) {
    const file = options.find((opt) => /^UserKnownHostsFile[= ]/i.test(opt))?.replace(/^UserKnownHostsFile[= ]/i, '');
    const name = port === undefined || port === '22' ? hostname : `[${hostname}]:${port}`;
    const known = (file === undefined ? '' : (inv.host.files.get(file) ?? '')).split('\n').map((l) => l.trim());
    if (!known.includes(`${name} ${target.hostKeyLine}`)) {
      print(inv.io.stderr, 'Host key verification failed.\n');
      return 255;
    }
  }
  const connection = new AbortController();
  const onAbort = (): void => connection.abort(inv.io.signal.reason);
  inv.io.signal.addEventListener('abort', onAbort, { once: true });
  let dropped = false;
  const io: CommandIO = {
    ...inv.io,
    signal: connection.signal,
    disconnect: () => {
      dropped = true;
      connection.abort(new Error('connection dropped'));
    },
  };
  try {
    const code = await inv.host.network.execute(target, words.join(' '), io);
    if (code === null || dropped) {
      print(inv.io.stderr, `Connection to ${hostname} closed by remote host.\n`);
      return 255;
    }
    return code;
  } finally {
    inv.io.signal.removeEventListener('abort', onAbort);
  }
};
