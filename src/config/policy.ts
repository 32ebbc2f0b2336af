import { z } from 'zod';
import { readDocument } from './read-document.ts';

export const LIFECYCLE_KINDS = [
  'password_reset', 'password_changed', 'offboarded', 'deactivated', 'suspended', 'deleted',
  'reactivated', 'sso_deactivated', 'permissions_changed', 'mfa_reset', 'device_lost',
  'credential_compromised', 'sign_out_everywhere',
] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** A duration: seconds as a number, or text such as `90s`, `15m`, `1h`, `2d`. */
const Duration = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, 'expected a duration such as 90s, 15m, 1h or 2d'),
  ])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const [, n, unit] = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(v)!;
    return Number(n) * UNITS[unit!]!;
  });

const KindPolicy = z.strictObject({ sla: Duration.optional(), skew: Duration.optional() });

/**
 * Identity across sources: each alias (an email, another provider's user id) names the subject
 * id it is rewritten to after ingest. Aliases map straight to the final id, never to another alias.
 */
const Identities = z.record(z.string().min(1), z.string().min(1)).superRefine((map, ctx) => {
  for (const [alias, subject] of Object.entries(map)) {
    if (subject !== alias && map[subject] !== undefined && map[subject] !== subject) {
      ctx.addIssue({
        code: 'custom',
        path: [alias],
        message: `'${subject}' is itself an alias (of '${map[subject]}'); map '${alias}' straight to the final subject id`,
      });
    }
  }
});

/** The config file (`--config`), as a person writes it. Unknown keys are errors. */
export const ConfigSchema = z.strictObject({
  sla: Duration.optional().describe('time allowed from a lifecycle event to revocation (default 15m)'),
  skew: Duration.optional().describe('clock skew tolerated before the event (default 2m)'),
  kinds: z.partialRecord(z.enum(LIFECYCLE_KINDS), KindPolicy).optional(),
  keep_initiating_session: z.boolean().optional(),
  permissions_changed_requires_revocation: z.boolean().optional(),
  require_revocation_reason: z.boolean().optional(),
  severity: z.record(z.string(), z.enum(SEVERITIES)).optional(),
  disabled_rules: z.array(z.string()).optional(),
  session_lifetime: z.record(z.string(), Duration).optional(),
  identities: Identities.optional().describe('alias -> subject id: one person known by different ids in different sources'),
});
export type Config = z.infer<typeof ConfigSchema>;

export interface KindRule {
  sla_seconds: number;
  skew_seconds: number;
  requires_revocation: boolean;
}

/** The effective policy of a run: every default filled in. Reported as `policy`. */
export interface Policy {
  sla_seconds: number;
  skew_seconds: number;
  kinds: Record<LifecycleKind, KindRule>;
  keep_initiating_session: boolean;
  permissions_changed_requires_revocation: boolean;
  require_revocation_reason: boolean;
  severity: Record<string, Severity>;
  disabled_rules: string[];
  session_lifetime: Record<string, number>;
  /** alias -> subject id, applied to the canonical tables after ingest. */
  identities: Record<string, string>;
  period: { from: string | null; to: string | null };
}

export function loadConfig(path: string | undefined): Config {
  return path ? readDocument(path, ConfigSchema, 'config') : {};
}

/** Fills the defaults of DESIGN.md: sla 15 min, skew 2 min, keep the initiating session. */
export function effectivePolicy(config: Config, period: Policy['period'] = { from: null, to: null }): Policy {
  const sla = config.sla ?? 15 * 60;
  const skew = config.skew ?? 2 * 60;
  const permissions = config.permissions_changed_requires_revocation ?? false;
  const kinds = Object.fromEntries(
    LIFECYCLE_KINDS.map((kind) => [
      kind,
      {
        sla_seconds: config.kinds?.[kind]?.sla ?? sla,
        skew_seconds: config.kinds?.[kind]?.skew ?? skew,
        requires_revocation: kind === 'reactivated' ? false : kind === 'permissions_changed' ? permissions : true,
      },
    ]),
  ) as Record<LifecycleKind, KindRule>;
  return {
    sla_seconds: sla,
    skew_seconds: skew,
    kinds,
    keep_initiating_session: config.keep_initiating_session ?? true,
    permissions_changed_requires_revocation: permissions,
    require_revocation_reason: config.require_revocation_reason ?? false,
    severity: Object.fromEntries(Object.entries(config.severity ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
    disabled_rules: [...(config.disabled_rules ?? [])].sort(),
    session_lifetime: Object.fromEntries(Object.entries(config.session_lifetime ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
    identities: Object.fromEntries(Object.entries(config.identities ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
    period,
  };
}
