export type FaultAction = 'fail' | 'hang' | 'disconnect' | 'slow';

export interface FaultSpec {
  /** Only commands run on this host; default any host. */
  host?: string;
  /** Tested against the full command line as the host received it. */
  match: string | RegExp;
  action: FaultAction;
  /** 1-based: act only on the Nth matching call; default every matching call. */
  nth?: number;
  /** For streaming commands: run normally, then act after this many bytes of stdout + stdin. */
  afterBytes?: number;
  /** For 'fail': exit code (default 1) and stderr text (default a generic failure). */
  exitCode?: number;
  stderr?: string;
  /** For 'slow': how long to delay (default 1000 ms). */
  delayMs?: number;
  /** Act at most this many times. */
  times?: number;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** How many times the fault acted. */
  readonly hits: number;
  remove(): void;
}

interface Entry {
  spec: FaultSpec;
  matched: number;
  hits: number;
}

/** The faults a lab injects into the commands its hosts run. */
export class FaultInjector {
  private entries: Entry[] = [];

  add(spec: FaultSpec): FaultHandle {
    const entry: Entry = { spec, matched: 0, hits: 0 };
    this.entries.push(entry);
    return {
      spec,
      get hits() {
        return entry.hits;
      },
      remove: () => {
        this.entries = this.entries.filter((e) => e !== entry);
      },
    };
  }

  clear(): void {
    this.entries = [];
  }

  /** The first fault that acts on this command line (counting the call against every matching fault). */
  take(host: string, line: string): FaultSpec | undefined {
    let chosen: FaultSpec | undefined;
    for (const entry of this.entries) {
      const { spec } = entry;
      if (spec.host !== undefined && spec.host !== host) continue;
      const matches = typeof spec.match === 'string' ? line.includes(spec.match) : spec.match.test(line);
      if (!matches) continue;
      entry.matched++;
      if (chosen) continue;
      if (spec.nth !== undefined && entry.matched !== spec.nth) continue;
      if (spec.times !== undefined && entry.hits >= spec.times) continue;
      entry.hits++;
      chosen = spec;
    }
    return chosen;
  }
}
