import type { SimHost } from '../../simHost';
import type { Zone } from '../../model/zoneTypes';
import { STATE_RANK } from '../../model/zoneTypes';
import { getopt, has } from '../getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { out, zerror } from './zoneadmContext';

interface Row {
  /** Auxiliary states, comma-separated (`list -s`). */
  aux: string;
  id: string;
  name: string;
  state: string;
  /** As `-p` prints it. */
  path: string;
  /** As `-v` prints it. */
  verbosePath: string;
  uuid: string;
  brand: string;
  ip: string;
  profile: string;
}

const GLOBAL_ROW: Row = {
  aux: '',
  id: '0',
  name: 'global',
  state: 'running',
  path: '/',
  verbosePath: '/',
  uuid: '',
  brand: 'solaris',
  ip: 'shared',
  profile: 'none',
};

/** In the kernel zone list: states with a zone id. */
function inKernel(zone: Zone): boolean {
  return zone.id !== undefined && STATE_RANK[zone.state] >= STATE_RANK.ready;
}

function row(zone: Zone): Row {
  const brand = zone.config.props.brand ?? 'solaris';
  const isKz = brand === 'solaris-kz';
  const zonepath = isKz ? `/system/volatile/zones/${zone.name}/zonepath` : (zone.config.props.zonepath ?? '');
  return {
    aux: zone.auxState ?? '',
    id: inKernel(zone) ? String(zone.id) : '-',
    name: zone.name,
    state: zone.state,
    path: zonepath,
    verbosePath: isKz ? '-' : zonepath,
    uuid: zone.uuid,
    brand,
    ip: zone.config.props['ip-type'] === 'shared' ? 'shared' : 'excl',
    profile: zone.config.props['file-mac-profile'] ?? '',
  };
}

/** Running/ready zones by id (global first), then the rest in /etc/zones/index order. */
function rows(host: SimHost, minRank: number | undefined): Row[] {
  const zones = host.zoneOrder.flatMap((n) => host.zones.get(n) ?? []);
  const kernel = zones.filter(inKernel).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const rest =
    minRank === undefined
      ? []
      : zones.filter(
          (z) =>
            !inKernel(z) &&
            (STATE_RANK[z.state] >= minRank || (minRank === STATE_RANK.installed && z.state === 'unavailable')),
        );
  return [GLOBAL_ROW, ...kernel.map(row), ...rest.map(row)];
}

const escapeColons = (s: string): string => s.replaceAll(':', '\\:');

/**
 * Solaris 11.4: 9 fields plus a trailing colon; Solaris 11.0: the same 9 fields without it
 * (Solaris 11.0 zoneadm.c zone_print: `%s:%s:%s:%s:%c:%s\\n` after the path); illumos: 7 fields.
 */
function parsable(r: Row, dialect: string, release: string): string {
  if (dialect === 'illumos')
    return `${r.id}:${r.name}:${r.state}:${escapeColons(r.path)}:${r.uuid}:${r.brand}:${r.ip}\n`;
  const trailer = release === '11.0' ? '' : ':';
  return `${r.id}:${r.name}:${r.state}:${escapeColons(r.path)}:${r.uuid}:${r.brand}:${r.ip}:-:${r.profile}${trailer}\n`;
}

/** Column widths: 11.4's widened table; 11.0's `%*s %-16s %-10s %-30s %-8s %-6s` (zoneadm.c zone_print). */
const WIDTHS = { '11.0': { state: 10, path: 30, brand: 8 }, other: { state: 11, path: 28, brand: 10 } };

function widthsFor(release: string) {
  return release === '11.0' ? WIDTHS['11.0'] : WIDTHS.other;
}

function verbose(r: Row, release: string): string {
  const w = widthsFor(release);
  return `${r.id.padStart(4)} ${r.name.padEnd(16)} ${r.state.padEnd(w.state)} ${r.verbosePath.padEnd(w.path)} ${r.brand.padEnd(w.brand)} ${r.ip}\n`;
}

function header(release: string): string {
  const w = widthsFor(release);
  return `${'ID'.padStart(4)} ${'NAME'.padEnd(16)} ${'STATUS'.padEnd(w.state)} ${'PATH'.padEnd(w.path)} ${'BRAND'.padEnd(w.brand)} IP\n`;
}

/**
 * `list -s` (11.2 and later): name, state and auxiliary states. The header is the doc's ("Working
 * With Kernel Zone Auxiliary States": `NAME             STATUS           AUXILIARY STATE`, i.e.
 * 16-wide columns); the doc's rows are ragged, so rows use the header's columns (inferred), with no
 * trailing blanks when there is no auxiliary state. Combined with -p or -v: -s wins (inferred).
 */
function auxiliaryTable(rows: Row[]): string {
  const line = (name: string, state: string, aux: string): string =>
    `${`${name.padEnd(16)} ${state.padEnd(16)} ${aux}`.trimEnd()}\n`;
  return line('NAME', 'STATUS', 'AUXILIARY STATE') + rows.map((r) => line(r.name, r.state, r.aux)).join('');
}

export function list(call: ZoneadmCall): number {
  const o = getopt(call.args, 'cipvsd');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: list [-cipv]');
    return 2;
  }
  if (has(o, 'p') && has(o, 'v')) {
    zerror(call, 'list -p and -v are mutually exclusive.');
    return 1;
  }
  let selected: Row[];
  if (call.zone) selected = [row(call.zone)];
  else if (call.zoneName === 'global') selected = [GLOBAL_ROW];
  else {
    const minRank = has(o, 'c') ? STATE_RANK.configured : has(o, 'i') ? STATE_RANK.installed : undefined;
    selected = rows(call.inv.host, minRank);
  }
  const release = call.inv.host.release.name;
  if (has(o, 's')) out(call, auxiliaryTable(selected));
  else if (has(o, 'p')) selected.forEach((r) => out(call, parsable(r, call.inv.host.dialect, release)));
  else if (has(o, 'v')) out(call, header(release) + selected.map((r) => verbose(r, release)).join(''));
  else selected.forEach((r) => out(call, `${r.name}\n`));
  return 0;
}
