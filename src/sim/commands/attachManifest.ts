import type { Zone } from '../model/zoneTypes';

/**
 * The manifest `zoneadm detach -n` prints and `zoneadm attach -n` reads: the zone's configuration
 * and the package set of its image. [mem] Real Solaris writes a zonecfg XML plus package data;
 * the element layout here is the simulator's own, the fields are the ones attach checks.
 */
export interface AttachManifest {
  name: string;
  brand: string;
  zonepath: string;
  /** Version of `entire` in the zone's image. */
  packageVersion: string;
}

const escape = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const unescape = (s: string): string =>
  s.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

export function writeManifest(zone: Zone, packageVersion: string): string {
  const p = zone.config.props;
  const attrs = [
    `name="${escape(zone.name)}"`,
    `zonepath="${escape(p.zonepath ?? '')}"`,
    `autoboot="${escape(p.autoboot ?? 'false')}"`,
    `brand="${escape(p.brand ?? 'solaris')}"`,
    `ip-type="${escape(p['ip-type'] ?? 'exclusive')}"`,
  ].join(' ');
  const resources = zone.config.resources.map(
    (r) => `  <${r.type} ${Object.entries(r.props).map(([k, v]) => `${k}="${escape(v)}"`).join(' ')}/>\n`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">\n',
    `<zone ${attrs}>\n`,
    ...resources,
    `  <package name="entire" version="${escape(packageVersion)}"/>\n`,
    '</zone>\n',
  ].join('');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : unescape(match[1]);
}

/** Parses a manifest; undefined when it is not one. */
export function readManifest(text: string): AttachManifest | undefined {
  const zoneTag = /<zone\s[^>]*>/.exec(text)?.[0];
  const packageTag = /<package\s+name="entire"[^>]*>/.exec(text)?.[0];
  if (!zoneTag || !packageTag) return undefined;
  const name = attribute(zoneTag, 'name');
  const brand = attribute(zoneTag, 'brand');
  const zonepath = attribute(zoneTag, 'zonepath');
  const packageVersion = attribute(packageTag, 'version');
  if (!name || !brand || zonepath === undefined || !packageVersion) return undefined;
  return { name, brand, zonepath, packageVersion };
}

/** Compares dotted package versions numerically (11.4.42.111.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
