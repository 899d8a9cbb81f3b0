import { outputLines } from './outputLines';
import { ParseError } from './parseError';

/** `prtconf -m`: the host's memory in megabytes, one number (prtconf(8)). */
export function prtconfMemory(): readonly string[] {
  return ['prtconf', '-m'];
}

export function parsePrtconfMemoryBytes(stdout: string): number {
  const mb = /(\d+)/.exec(stdout)?.[1];
  if (mb === undefined) throw new ParseError('prtconf -m', stdout.trim(), 'expected a number of megabytes');
  return Number(mb) * 1024 * 1024;
}

/** `psrinfo`: one line per virtual processor (psrinfo(8)). */
export function psrinfo(): readonly string[] {
  return ['psrinfo'];
}

/** Virtual CPUs a zone can use: `on-line` ones only (not off-line, faulted, spare or powered-off). */
export function parsePsrinfoCount(stdout: string): number {
  return outputLines(stdout).filter((line) => /^\s*\d+\s+on-line\b/.test(line)).length;
}

/** `psrinfo -pv`: each physical processor, its virtual processors and its implementation (psrinfo(8)). */
export function psrinfoPhysical(): readonly string[] {
  return ['psrinfo', '-pv'];
}

/**
 * The processor implementation `psrinfo -pv` names, without the chip id and clock that differ
 * between otherwise equal machines: `SPARC-T8 (chipid 0, clock 5000 MHz)` gives `SPARC-T8`, an x86
 * `x86 (GenuineIntel 306E4 family 6 model 62 step 4 clock 2600 MHz)` keeps its family and model.
 */
export function parsePsrinfoImplementation(stdout: string): string {
  const line = outputLines(stdout).find((l) => /^\s+\S/.test(l) && !/^\s*The /.test(l));
  if (!line) throw new ParseError('psrinfo -pv', stdout.trim(), 'expected a processor implementation line');
  return line
    .trim()
    .replace(/\b(chipid|cpuid) \w+,?\s*/g, '')
    .replace(/,?\s*clock \d+ MHz/, '')
    .replace(/\s*\(\s*\)$/, '');
}

/** The instruction-set family of a `psrinfo -pv` implementation: a suspended guest never crosses it. */
export function processorFamily(implementation: string): 'sparc' | 'x86' {
  return /^x86\b|intel|amd/i.test(implementation) ? 'x86' : 'sparc';
}
