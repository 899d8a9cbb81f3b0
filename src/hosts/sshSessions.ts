import type { Client } from 'ssh2';

/**
 * How many connections one host may get when every session slot of the open ones is taken: a
 * long `zfs send` holds its slot for hours, and the quick commands of other migrations must not
 * wait for it.
 */
export const MAX_CONNECTIONS_PER_HOST = 4;

/** One SSH connection and the session channels it carries. */
interface Link {
  readonly client: Promise<Client>;
  /** Session slots in use. */
  open: number;
  /** Slots sshd grants: the inventory's maxSessions, or fewer once sshd refused one. */
  capacity: number;
  dead: boolean;
}

/** A session slot on a live connection; `release` frees it (once) when its channel has closed. */
export interface SessionSlot {
  readonly client: Client;
  release(): void;
  /**
   * sshd refused the channel: this connection carries no more than the others it has open now.
   * False when there are none, so the refusal is not about sessions.
   */
  saturated(): boolean;
  /** The connection is gone: forget it, so the next slot is on a fresh one. */
  dropConnection(): void;
  /** Whether the connection this slot was taken on is still the one in use. */
  readonly current: boolean;
}

/**
 * Session channels per connection, as sshd's MaxSessions allows (a channel beyond it fails with
 * "open failed": OpenSSH session.c session_new, serverloop.c server_input_channel_open). A command
 * takes a slot on a connection with room, opens a further connection when all are full, and
 * otherwise waits, in order, for a slot to free.
 */
export class SshSessions {
  private links: Link[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly connect: () => Promise<Client>,
    private readonly maxSessions: number,
  ) {}

  async acquire(signal?: AbortSignal): Promise<SessionSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const link = this.links.find((l) => !l.dead && l.open < l.capacity) ?? this.openLink();
      if (!link) {
        await this.nextRelease(signal);
        continue;
      }
      link.open++;
      const client = await link.client.catch((err: unknown) => {
        link.open--;
        this.forget(link);
        throw err;
      });
      return this.slot(link, client);
    }
  }

  /** Ends every connection. */
  async closeAll(): Promise<void> {
    const links = this.links;
    this.links = [];
    await Promise.all(
      links.map(async (link) => {
        link.dead = true;
        const client = await link.client.catch(() => undefined);
        if (!client) return;
        await new Promise<void>((resolve) => {
          client.once('close', () => resolve());
          client.end();
        });
      }),
    );
    this.wake();
  }

  private openLink(): Link | undefined {
    if (this.links.filter((l) => !l.dead).length >= MAX_CONNECTIONS_PER_HOST) return undefined;
    const link: Link = { client: this.connect(), open: 0, capacity: this.maxSessions, dead: false };
    this.links.push(link);
    link.client.then(
      (client) => {
        const gone = () => this.forget(link);
        client.on('end', gone).on('close', gone);
      },
      () => this.forget(link),
    );
    return link;
  }

  private slot(link: Link, client: Client): SessionSlot {
    let released = false;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        link.open--;
        this.wake();
      },
      saturated: () => {
        const others = link.open - (released ? 0 : 1);
        if (others > 0) link.capacity = others;
        return others > 0;
      },
      dropConnection: () => {
        this.forget(link);
        client.end();
      },
      get current() {
        return !link.dead;
      },
    };
  }

  private forget(link: Link): void {
    link.dead = true;
    this.links = this.links.filter((l) => l !== link);
    this.wake();
  }

  private wake(): void {
    this.waiting.shift()?.();
  }

  private nextRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(woken);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const woken = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(woken);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
