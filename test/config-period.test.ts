import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/config/period.ts';
import { effectivePolicy, loadConfig } from '../src/config/policy.ts';
import { RevauditError } from '../src/errors.ts';
import { writeFiles } from './helpers.ts';

describe('reporting period', () => {
  it('reads dates as UTC days with --to inclusive', () => {
    expect(parsePeriod('2026-07-01', '2026-09-30')).toEqual({ from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' });
  });
  it('lets a quarter given alone set both ends, on either flag', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' });
    expect(parsePeriod(undefined, '2026-Q4')).toEqual({ from: '2026-10-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(parsePeriod('2026-Q3', '2026-Q4')).toEqual({ from: '2026-07-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
  });
  it('rejects impossible dates and reversed periods', () => {
    expect(() => parsePeriod('2026-02-30')).toThrow(RevauditError);
    expect(() => parsePeriod('2026-09-01', '2026-08-01')).toThrow(/not before/);
  });
});

describe('policy config', () => {
  it('fills the contract defaults: sla 15 min, skew 2 min, keep the initiating session', () => {
    const p = effectivePolicy({});
    expect(p.kinds.password_reset).toEqual({ sla_seconds: 900, skew_seconds: 120, requires_revocation: true });
    expect(p.kinds.reactivated.requires_revocation).toBe(false);
    expect(p.kinds.permissions_changed.requires_revocation).toBe(false);
    expect(p.keep_initiating_session).toBe(true);
  });
  it('reads durations and per-kind overrides from YAML or JSON', () => {
    const dir = writeFiles({
      'p.yaml': 'sla: 1h\nkinds:\n  offboarded: { sla: 5m, skew: 30 }\npermissions_changed_requires_revocation: true\n',
      'p.json': JSON.stringify({ skew: '90s', severity: { 'session-inventory-incomplete': 'info' } }),
    });
    const y = effectivePolicy(loadConfig(join(dir, 'p.yaml')));
    expect(y.kinds.offboarded).toEqual({ sla_seconds: 300, skew_seconds: 30, requires_revocation: true });
    expect(y.kinds.password_reset.sla_seconds).toBe(3600);
    expect(y.kinds.permissions_changed.requires_revocation).toBe(true);
    const j = effectivePolicy(loadConfig(join(dir, 'p.json')));
    expect(j.skew_seconds).toBe(90);
    expect(j.severity).toEqual({ 'session-inventory-incomplete': 'info' });
  });
  it('names the line of a bad value and of an unknown nested key', () => {
    const dir = writeFiles({ 'a.yaml': 'sla: 15m\nkinds:\n  offboarded:\n    sla: soon\n', 'b.yaml': 'kinds:\n  teleported: { sla: 5m }\n', 'c.yaml': 'sla: [1\n' });
    const place = (f: string) => {
      try {
        loadConfig(join(dir, f));
      } catch (e) {
        return `${(e as RevauditError).place.line}: ${(e as RevauditError).message}`;
      }
      return 'no error';
    };
    expect(place('a.yaml')).toMatch(/^4: invalid config at kinds\.offboarded\.sla/);
    expect(place('b.yaml')).toMatch(/^2: invalid config at kinds/);
    expect(place('c.yaml')).toMatch(/^\d+: not valid YAML or JSON/);
  });
});
