import { View, parse, resetSVGDefIds } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no canvas: label widths are estimated),
 * so the HTML report shows its charts with JavaScript off and prints them.
 * Vega numbers clip paths and gradients from a module counter; the counter is reset for
 * every chart (same bytes on every run) and the ids are prefixed with the chart's name
 * (several SVGs share one document, and ids must be unique in it).
 */
export async function renderSvg(spec: TopLevelSpec, name: string): Promise<string> {
  resetSVGDefIds();
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg
      .replace(/\bid="([^"]+)"/g, `id="${name}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${name}-$1)`)
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${name}-title" `);
  } finally {
    view.finalize();
  }
}
