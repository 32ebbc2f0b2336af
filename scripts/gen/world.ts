// The shape of a generated organisation: its period, how many people, and which of them
// carry a planted violation or a lifecycle kind that must appear at least once.
import { DAY } from './time.ts';

export const LIFECYCLE_KINDS = [
  'password_reset', 'password_changed', 'offboarded', 'deactivated', 'suspended', 'deleted',
  'reactivated', 'sso_deactivated', 'permissions_changed', 'mfa_reset', 'device_lost',
  'credential_compromised', 'sign_out_everywhere',
] as const;
export type Kind = (typeof LIFECYCLE_KINDS)[number];

/** Kinds that require every session of the subject (and of its agents) to end. */
export const ALL_SESSION_KINDS: ReadonlySet<Kind> = new Set([
  'password_reset', 'offboarded', 'deactivated', 'suspended', 'deleted', 'sso_deactivated',
  'credential_compromised', 'mfa_reset', 'sign_out_everywhere',
]);
/** Kinds after which the subject never signs in again (in this data). */
export const TERMINAL_KINDS: ReadonlySet<Kind> = new Set(['offboarded', 'deactivated', 'deleted']);

/**
 * Planted violations, each in a person of its own, and the rule that must report it. The
 * next-day kinds sit in the extra day only: they show that rules stay right across files.
 */
export const PLANTS = {
  'survived-uncovered': { rule: 'session-survived-lifecycle-event', severity: 'high', coverage: 'uncovered', nextDay: false },
  'survived-late': { rule: 'session-survived-lifecycle-event', severity: 'high', coverage: 'late', nextDay: false },
  'survived-used': { rule: 'session-survived-lifecycle-event', severity: 'critical', coverage: 'uncovered', nextDay: false },
  'agent-outlived': { rule: 'agent-outlived-owner', severity: 'critical', coverage: 'uncovered', nextDay: false },
  'accepted-after-revocation': { rule: 'revoked-session-accepted', severity: 'critical', coverage: null, nextDay: false },
  'reuse-same-client': { rule: 'revoked-session-reuse-attempt', severity: 'low', coverage: null, nextDay: false },
  'reuse-new-client': { rule: 'revoked-session-reuse-attempt', severity: 'medium', coverage: null, nextDay: false },
  'login-after-offboarding': { rule: 'login-after-offboarding', severity: 'critical', coverage: null, nextDay: false },
  'revocation-without-actor': { rule: 'revocation-audit-incomplete', severity: 'medium', coverage: null, nextDay: false },
  'session-without-ip-or-ua': { rule: 'session-inventory-incomplete', severity: 'low', coverage: null, nextDay: false },
  'next-day-accepted': { rule: 'revoked-session-accepted', severity: 'critical', coverage: null, nextDay: true },
  'next-day-survived': { rule: 'session-survived-lifecycle-event', severity: 'high', coverage: 'uncovered', nextDay: true },
} as const;
export type PlantKind = keyof typeof PLANTS;
export const PLANT_KINDS = Object.keys(PLANTS) as PlantKind[];

/** Share of people carrying each planted violation (at least one each). */
export const PLANT_RATE = 0.004;
export const NEXT_DAY_PLANT_RATE = 0.002;

/** Events per person per day the population is sized by (about 80% of them activity). */
const EVENTS_PER_PERSON_DAY = 12;
const MIN_PEOPLE = 30;

export interface World {
  seed: string;
  events: number;
  days: number;
  /** Period start, end of the main period (exclusive) and end of the extra day, in ms. */
  start: number;
  mainEnd: number;
  nextEnd: number;
  people: number;
  /** Per person: the plant it carries (if any) and its occurrence number among that kind. */
  plantOf: Array<{ kind: PlantKind; nth: number } | undefined>;
  /** Per person: a lifecycle kind it must show (so every kind appears at least once). */
  forcedKind: Array<Kind | undefined>;
  plantCounts: Record<PlantKind, number>;
}

export interface WorldOptions {
  events: number;
  seed: string;
  days?: number | undefined;
  start?: string | undefined;
}

/** Sizes the organisation for a number of events: a quarter from about 100k events, shorter below. */
export function makeWorld(options: WorldOptions): World {
  const days = options.days ?? Math.min(91, Math.max(14, Math.round(options.events / 1100)));
  const start = Date.parse(options.start ?? '2026-04-01T00:00:00Z');
  const people = Math.max(MIN_PEOPLE, Math.round(options.events / (days * EVENTS_PER_PERSON_DAY)));
  const plantCounts = Object.fromEntries(
    PLANT_KINDS.map((k) => [k, Math.max(1, Math.round(people * (PLANTS[k].nextDay ? NEXT_DAY_PLANT_RATE : PLANT_RATE)))]),
  ) as Record<PlantKind, number>;

  // Kinds interleaved so each kind spreads over the whole population.
  const slots: Array<{ kind: PlantKind; nth: number }> = [];
  const max = Math.max(...Object.values(plantCounts));
  for (let n = 0; n < max; n++) for (const kind of PLANT_KINDS) if (n < plantCounts[kind]) slots.push({ kind, nth: n });
  const firstFree = LIFECYCLE_KINDS.length;
  if (slots.length > people - firstFree) throw new Error(`too few people (${people}) for ${slots.length} planted violations`);

  const plantOf: World['plantOf'] = new Array(people).fill(undefined);
  slots.forEach((slot, i) => {
    plantOf[firstFree + Math.floor((i * (people - firstFree)) / slots.length)] = slot;
  });
  const forcedKind: World['forcedKind'] = new Array(people).fill(undefined);
  LIFECYCLE_KINDS.forEach((kind, i) => (forcedKind[i] = kind));

  return {
    seed: options.seed,
    events: options.events,
    days,
    start,
    mainEnd: start + days * DAY,
    nextEnd: start + (days + 1) * DAY,
    people,
    plantOf,
    forcedKind,
    plantCounts,
  };
}
