import type { Config } from 'vega-lite';

/**
 * Colours and the Vega-Lite config shared by the report's charts and its CSS badges:
 * one calm palette, severities from grey to deep red, coverage from green to red.
 */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const SEVERITY_COLORS: Record<string, string> = {
  critical: '#9b1c1c',
  high: '#d4581a',
  medium: '#c99a2e',
  low: '#5b84b1',
  info: '#9aa5b1',
};

export const STATUS_COLORS: Record<string, string> = {
  covered: '#2f7d5b',
  late: '#d08c2b',
  uncovered: '#b42318',
  pending: '#8a96a3',
  no_sessions: '#cdd4dc',
  waived: '#7a5ea8',
};

export const TTR_COLORS: Record<string, string> = {
  'within SLA': '#2f7d5b',
  'after SLA': '#d08c2b',
  'never revoked': '#b42318',
};

export const OUTCOME_COLORS: Record<string, string> = { denied: '#8a96a3', accepted: '#b42318' };

/** Vega-Lite config for every chart: no background, quiet axes, legends underneath. */
export const VEGA_CONFIG: Config = {
  background: 'transparent',
  // No generated ARIA labels: Vega-Lite writes them with the machine's time zone (the bytes
  // would change with TZ). The figure's title names the chart; the tables carry the data.
  aria: false,
  font: FONT,
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: '#4a5563',
    titleColor: '#374151',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    gridColor: '#e8ebef',
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 600,
  },
  legend: { orient: 'bottom', direction: 'horizontal', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, symbolType: 'square' },
  title: { fontSize: 13, fontWeight: 600, color: '#1f2933', anchor: 'start' },
  text: { fontSize: 11, color: '#374151' },
  bar: { stroke: null },
};
