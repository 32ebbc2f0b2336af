import type { TopLevelSpec } from 'vega-lite';
import type { ColorDef, PositionDef } from 'vega-lite/types_unstable/channeldef.js';
import { SEVERITIES } from '../config/policy.ts';
import { OUTCOME_COLORS, SEVERITY_COLORS, STATUS_COLORS, TTR_COLORS, VEGA_CONFIG } from './charts-theme.ts';
import { percent, roundDuration, words } from './html/format.ts';
import type { AttemptRow, KindRow, TtrRow, WeekRow } from './html/shape.ts';

/**
 * The report's charts as Vega-Lite specs: pure functions of data already shaped from the
 * JSON report. Every time scale is UTC, so the SVG does not depend on the machine's zone.
 */

const WIDTH = 465;
const SEVERITY_ORDER = [...SEVERITIES].reverse();

/** Coverage per lifecycle kind: events by status, the coverage ratio written at the end. */
export function coverageChart(long: { kind: string; status: string; events: number }[], kinds: KindRow[]): TopLevelSpec {
  const statuses = Object.keys(STATUS_COLORS);
  const labels = kinds.map((k) => ({ kind: words(k.kind), events: k.events, label: percent(k.ratio) }));
  return {
    config: VEGA_CONFIG,
    width: WIDTH - 250,
    height: Math.max(60, 22 * kinds.length),
    description: 'Lifecycle events per kind by coverage status',
    layer: [
      {
        data: { values: long.map((r) => ({ ...r, kind: words(r.kind), order: statuses.indexOf(r.status) })) },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: { field: 'kind', type: 'nominal', title: null, sort: 'ascending', axis: { labelLimit: 200 } },
          x: { field: 'events', type: 'quantitative', aggregate: 'sum', title: 'lifecycle events', axis: { tickMinStep: 1, grid: true } },
          color: {
            field: 'status',
            type: 'nominal',
            title: null,
            scale: { domain: statuses, range: statuses.map((s) => STATUS_COLORS[s]!) },
            legend: { labelExpr: "replace(datum.label, '_', ' ')", columns: 3, symbolLimit: 0 },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: {
          y: { field: 'kind', type: 'nominal', sort: 'ascending' },
          x: { field: 'events', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    ],
  };
}

/** Tick marks of the time-to-revoke axis, in minutes (a symlog scale: linear near 0, log after). */
const TTR_TICKS = [0, 1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440, 4320, 10080];

/** Time to revoke: revoked required sessions per bin on a symlog minute scale, SLA lines on top, never-revoked beside. */
export function timeToRevokeChart(bins: TtrRow[], slaSeconds: number[]): TopLevelSpec {
  const revoked = bins.filter((b) => b.class !== 'never revoked' && b.from !== null);
  const never = bins.filter((b) => b.class === 'never revoked').reduce((n, b) => n + b.sessions, 0);
  // The open last bin (no upper edge) is drawn to twice its lower edge.
  const bars = revoked.map((b) => ({ ...b, from: b.from! / 60, to: (b.to ?? Math.max(b.from! * 2, 60)) / 60 }));
  const maxMinutes = Math.max(20, ...bars.map((b) => b.to), ...slaSeconds.map((s) => (s * 1.5) / 60));
  const minMinutes = Math.min(0, ...bars.map((b) => b.from));
  const ymax = Math.max(1, never, ...bars.map((b) => b.y1));
  const classes = Object.keys(TTR_COLORS);
  const color: ColorDef<string> = { field: 'class', type: 'nominal', title: null, scale: { domain: classes, range: classes.map((c) => TTR_COLORS[c]!) } };
  const y: PositionDef<string> = { field: 'y1', type: 'quantitative', title: 'required sessions', scale: { domain: [0, ymax] }, axis: { tickMinStep: 1 } };
  const slas = [...new Set(slaSeconds)].sort((p, q) => p - q).map((s) => ({ minutes: s / 60, label: `SLA ${roundDuration(s)}` }));
  return {
    config: VEGA_CONFIG,
    description: 'Revoked required sessions by time from the lifecycle event to revocation, against the SLA',
    hconcat: [
      {
        width: WIDTH - 52,
        height: 180,
        layer: [
          {
            data: { values: bars },
            mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
            encoding: {
              x: {
                field: 'from',
                type: 'quantitative',
                title: 'time from event to revocation',
                scale: { type: 'symlog', constant: 1, domain: [minMinutes, maxMinutes], nice: false },
                axis: {
                  values: TTR_TICKS.filter((t) => t <= maxMinutes).concat(minMinutes < 0 ? [minMinutes] : []),
                  labelExpr:
                    "datum.value < 0 ? '−' + format(-datum.value, 'd') + 'm' : datum.value < 60 ? format(datum.value, 'd') + 'm' : datum.value < 1440 ? format(datum.value / 60, 'd') + 'h' : format(datum.value / 1440, 'd') + 'd'",
                  labelOverlap: true,
                  grid: false,
                },
              },
              x2: { field: 'to' },
              y,
              y2: { field: 'y0' },
              color,
            },
          },
          {
            data: { values: slas },
            mark: { type: 'rule', color: '#1f2933', strokeDash: [4, 3], strokeWidth: 1.2 },
            encoding: { x: { field: 'minutes', type: 'quantitative' } },
          },
          {
            data: { values: slas },
            mark: { type: 'text', align: 'left', dx: 3, baseline: 'top', fontWeight: 600, color: '#1f2933' },
            encoding: { x: { field: 'minutes', type: 'quantitative' }, y: { value: 2 }, text: { field: 'label' } },
          },
        ],
      },
      {
        width: 36,
        height: 180,
        data: { values: [{ bin: 'never', class: 'never revoked', y1: never }] },
        mark: { type: 'bar', width: 22 },
        encoding: {
          x: { field: 'bin', type: 'nominal', title: null, axis: { labelAngle: 0, ticks: false } },
          y: { ...y, title: null, axis: { labels: false, ticks: false, domain: false, grid: false, title: null } } as PositionDef<string>,
          color,
        },
      },
    ],
    resolve: { scale: { color: 'shared' } },
    spacing: 6,
  };
}

/** The x scale of the time charts: UTC, over the audited span. */
function timeX(span: { from: string; to: string }, title: string | null): PositionDef<string> {
  return {
    field: 'start',
    type: 'temporal',
    title,
    // An expression: a literal domain beside x2 draws a "conflicting domain" warning in Vega-Lite 6.4.
    scale: { type: 'utc', domain: { expr: `[${Date.parse(span.from)}, ${Date.parse(span.to)}]` } },
    axis: { format: '%b %d', labelOverlap: true, grid: false },
  };
}

/** Findings per week by severity, stacked, across the audited span. */
export function findingsChart(weeks: WeekRow[], span: { from: string; to: string }): TopLevelSpec {
  return {
    config: VEGA_CONFIG,
    width: WIDTH,
    height: 180,
    description: 'Findings per week by severity',
    data: { values: weeks.map((w) => ({ ...w, start: Date.parse(w.start), end: Date.parse(w.end) })) },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      x: timeX(span, 'week (from Monday, UTC)'),
      x2: { field: 'end' },
      y: { field: 'y1', type: 'quantitative', title: 'findings', axis: { tickMinStep: 1 } },
      y2: { field: 'y0' },
      color: {
        field: 'severity',
        type: 'nominal',
        title: null,
        scale: { domain: SEVERITY_ORDER, range: SEVERITY_ORDER.map((s) => SEVERITY_COLORS[s]!) },
      },
    },
  };
}

/** Attempts on revoked or logged-out sessions per day: denied against accepted. */
export function attemptsChart(days: AttemptRow[], span: { from: string; to: string }): TopLevelSpec {
  const outcomes = Object.keys(OUTCOME_COLORS);
  return {
    config: VEGA_CONFIG,
    width: WIDTH,
    height: 180,
    description: 'Attempts to use revoked or logged-out sessions per day, denied and accepted',
    data: {
      values: days.map((d) => {
        const start = Date.parse(`${d.day}T00:00:00Z`);
        return { ...d, start, end: start + 86_400_000 };
      }),
    },
    mark: { type: 'bar' },
    encoding: {
      x: timeX(span, 'day (UTC)'),
      x2: { field: 'end' },
      y: { field: 'y1', type: 'quantitative', title: 'attempts', axis: { tickMinStep: 1 } },
      y2: { field: 'y0' },
      color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: outcomes, range: outcomes.map((o) => OUTCOME_COLORS[o]!) } },
    },
  };
}

/** Coverage per lifecycle kind in the previous period and this one, side by side. */
export function trendChart(rows: { kind: string; period: string; ratio: number }[], periods: [string, string]): TopLevelSpec {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return {
    config: VEGA_CONFIG,
    width: WIDTH - 150,
    height: { step: 13 },
    description: 'Coverage per lifecycle kind, previous period against this one',
    data: { values: rows.map((r) => ({ ...r, label: percent(r.ratio) })) },
    encoding: {
      y: { field: 'kind', type: 'nominal', title: null, sort: kinds, axis: { labelLimit: 200 } },
      yOffset: { field: 'period', type: 'nominal', sort: periods },
      // Room past 100% for the labels at the end of the bars.
      x: { field: 'ratio', type: 'quantitative', title: 'coverage', scale: { domain: [0, 1.18] }, axis: { format: '.0%', grid: true, values: [0, 0.25, 0.5, 0.75, 1] } },
      color: {
        field: 'period',
        type: 'nominal',
        title: null,
        sort: periods,
        scale: { domain: periods, range: ['#9aa5b1', '#1d3b5a'] },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 },
      },
    },
    layer: [
      { mark: { type: 'bar' } },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'label' }, color: { value: '#1f2933' } } },
    ],
  };
}
