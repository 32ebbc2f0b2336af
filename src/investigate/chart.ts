import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../report/charts-svg.ts';
import { rowLabel } from './format.ts';
import { visibleControls } from './sanitize.ts';
import type { Investigation, TimelineRow } from './schema.ts';

/** The chart's categories, in legend order, with their colours and shapes. */
const CATEGORIES = [
  { name: 'created', color: '#2b8a3e', shape: 'circle' },
  { name: 'used', color: '#868e96', shape: 'circle' },
  { name: 'used past a deadline', color: '#e03131', shape: 'circle' },
  { name: 'denied while live', color: '#f59f00', shape: 'circle' },
  { name: 'denied after the end', color: '#e8590c', shape: 'triangle-up' },
  { name: 'accepted after the end', color: '#c92a2a', shape: 'diamond' },
  { name: 'revoked', color: '#862e9c', shape: 'cross' },
  { name: 'logout or expiry', color: '#343a40', shape: 'square' },
  { name: 'lifecycle event', color: '#1971c2', shape: 'triangle-down' },
] as const;

function category(row: TimelineRow): (typeof CATEGORIES)[number]['name'] {
  switch (row.kind) {
    case 'access': {
      const label = rowLabel(row);
      if (label === 'ACCEPTED') return 'accepted after the end';
      if (label === 'DENIED') return 'denied after the end';
      if (label === 'USED') return 'used past a deadline';
      return row.outcome === 'denied' ? 'denied while live' : 'used';
    }
    case 'created':
      return 'created';
    case 'revoked':
      return 'revoked';
    case 'lifecycle':
      return 'lifecycle event';
    default:
      return 'logout or expiry';
  }
}

/** A row's lane: its session, or its subject for lifecycle events and revocations of every session. */
const lane = (row: TimelineRow): string => visibleControls(row.session_id ?? `${row.subject_id ?? '?'} (subject)`);

/**
 * The Vega-Lite timeline: one lane per session (and per subject for its lifecycle events),
 * a bar for the time each session lived, a mark per row. Times are UTC; log values reach the
 * chart with their control characters made visible (Vega escapes markup itself).
 */
export function timelineSpec(inv: Investigation): TopLevelSpec {
  const lanes = [...new Set(inv.timeline.map(lane))];
  const spans = inv.sessions
    .filter((s) => s.created_at !== null && lanes.includes(visibleControls(s.session_id)))
    .map((s) => ({ lane: visibleControls(s.session_id), start: s.created_at, end: s.ended_at ?? inv.inputs_end ?? s.created_at }));
  // An expiry after the session had already ended says nothing new and would stretch the axis.
  const ended = new Map(inv.sessions.map((s) => [s.session_id, s.end_reason !== 'expired' ? s.ended_at : null]));
  const points = inv.timeline
    .filter((row) => !(row.kind === 'expired' && row.session_id !== null && (ended.get(row.session_id) ?? '9') < row.ts))
    .map((row) => ({ lane: lane(row), t: row.ts, what: category(row) }));
  // The legend lists only what the chart shows, in the fixed order and colours.
  const shown = CATEGORIES.filter((c) => points.some((p) => p.what === c.name));
  const x = {
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdatehoursminutesseconds' as const,
    title: 'time (UTC)',
    axis: { format: '%Y-%m-%d %H:%M', labelOverlap: true },
  };
  const y = { field: 'lane', type: 'nominal' as const, sort: lanes, title: null, axis: { labelLimit: 220 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: { step: 26 },
    layer: [
      {
        data: { values: spans },
        mark: { type: 'rule', strokeWidth: 8, opacity: 0.18, color: '#495057' },
        encoding: { x: { ...x, field: 'start' }, x2: { field: 'end', timeUnit: x.timeUnit }, y },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: {
          x: { ...x, field: 't' },
          y,
          color: {
            field: 'what',
            type: 'nominal',
            title: null,
            scale: { domain: shown.map((c) => c.name), range: shown.map((c) => c.color) },
            legend: { orient: 'bottom', columns: 4, labelLimit: 220 },
          },
          shape: { field: 'what', type: 'nominal', scale: { domain: shown.map((c) => c.name), range: shown.map((c) => c.shape) } },
        },
      },
    ],
  } as TopLevelSpec;
}

/** The timeline chart as SVG (empty when the timeline is). */
export async function timelineSvg(inv: Investigation): Promise<string> {
  if (inv.timeline.length === 0) return '';
  return renderSvg(timelineSpec(inv), 'timeline');
}
