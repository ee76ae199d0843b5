// A small SVG line chart: time on x, values on y, one line per series, a hover read-out.
import { s, h, formatNumber, replace } from './dom.js';

const MARGIN = { top: 14, right: 18, bottom: 28, left: 64 };

function niceStep(range, count) {
  const raw = range / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return nice * magnitude;
}

const pad = (n) => String(n).padStart(2, '0');
const clock = (t) => {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/**
 * Draws into `svg` (kept, so its id and listeners stay): series = [{ name, color, points: [{ t, v }] }].
 * `tooltip` is an absolutely positioned element next to the svg for the hover read-out.
 */
export function drawChart(svg, tooltip, { series, yLabel, format = (v) => formatNumber(v), height = 300 }) {
  const width = Math.max(320, svg.parentElement.clientWidth || 640);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.replaceChildren();

  const all = series.flatMap((x) => x.points);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  if (all.length === 0) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, 'No data points yet'));
    return;
  }

  let tMin = Math.min(...all.map((p) => p.t));
  let tMax = Math.max(...all.map((p) => p.t));
  if (tMax - tMin < 1000) {
    tMin -= 1000;
    tMax += 1000;
  }
  let vMin = Math.min(0, ...all.map((p) => p.v));
  let vMax = Math.max(...all.map((p) => p.v));
  if (vMax === vMin) vMax = vMin + (vMin === 0 ? 1 : Math.abs(vMin));
  const step = niceStep(vMax - vMin, 4);
  vMin = Math.floor(vMin / step) * step;
  vMax = Math.ceil(vMax / step) * step;

  const x = (t) => MARGIN.left + ((t - tMin) / (tMax - tMin)) * plotW;
  const y = (v) => MARGIN.top + plotH - ((v - vMin) / (vMax - vMin)) * plotH;

  // Tick labels carry as many decimals as the step needs: 0.5, 1, 1.5 rather than 0.500, 1.00, 1.50.
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const tickLabel = (v) => (Math.abs(v) >= 1e4 ? formatNumber(v) : v.toFixed(Math.min(6, decimals)));
  const grid = s('g', { class: 'grid-lines' });
  for (let i = 0, v = vMin; v <= vMax + step / 2; i++, v = vMin + i * step) {
    grid.append(
      s('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(v), y2: y(v) }),
      s('text', { x: MARGIN.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'tick-label' }, tickLabel(v)));
  }
  const tStep = niceTimeStep(tMax - tMin);
  for (let t = Math.ceil(tMin / tStep) * tStep; t <= tMax; t += tStep) {
    grid.append(s('line', { x1: x(t), x2: x(t), y1: MARGIN.top, y2: MARGIN.top + plotH, class: 'vertical' }));
    // A label centred on a tick at the very edge would be cut off by the svg.
    if (x(t) > 28 && x(t) < width - 28) {
      grid.append(s('text', { x: x(t), y: height - 8, 'text-anchor': 'middle', class: 'tick-label' }, clock(t)));
    }
  }
  svg.append(grid);
  svg.append(s('text', { class: 'axis-label', transform: `translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)`, 'text-anchor': 'middle' }, yLabel));

  for (const line of series) {
    if (line.points.length === 0) continue;
    const d = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
    if (series.length === 1 && line.points.length > 1) {
      // A faint fill under a lone line makes its level readable at a glance.
      const base = y(Math.max(vMin, 0)).toFixed(1);
      const area = s('path', { d: `${d}L${x(line.points[line.points.length - 1].t).toFixed(1)},${base}L${x(line.points[0].t).toFixed(1)},${base}Z`, class: 'area' });
      area.style.fill = line.color;
      svg.append(area);
    }
    const path = s('path', { d, class: 'series', 'data-series': line.name });
    path.style.stroke = line.color;
    svg.append(path);
    if (line.points.length === 1) {
      const dot = s('circle', { cx: x(line.points[0].t), cy: y(line.points[0].v), r: 3 });
      dot.style.fill = line.color;
      svg.append(dot);
    }
  }

  const guide = s('line', { class: 'guide', y1: MARGIN.top, y2: MARGIN.top + plotH, visibility: 'hidden' });
  const overlay = s('rect', { x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH, class: 'overlay' });
  svg.append(guide, overlay);
  const times = [...new Set(all.map((p) => p.t))].sort((a, b) => a - b);
  overlay.addEventListener('mousemove', (event) => {
    const box = svg.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    const t = tMin + ((px - MARGIN.left) / plotW) * (tMax - tMin);
    let nearest = times[0];
    for (const candidate of times) if (Math.abs(candidate - t) < Math.abs(nearest - t)) nearest = candidate;
    guide.setAttribute('x1', x(nearest));
    guide.setAttribute('x2', x(nearest));
    guide.setAttribute('visibility', 'visible');
    replace(tooltip, h('div', { class: 'tooltip-time mono' }, clock(nearest)),
      series.map((line) => {
        const point = line.points.find((p) => p.t === nearest);
        if (!point) return null;
        const swatch = h('span', { class: 'swatch' });
        swatch.style.background = line.color;
        return h('div', { class: 'tooltip-row' }, swatch, h('span', null, line.name), h('span', { class: 'mono' }, format(point.v)));
      }));
    tooltip.hidden = false;
    const left = (x(nearest) / width) * box.width;
    tooltip.style.left = `${Math.min(box.width - 180, left + 12)}px`;
    tooltip.style.top = `${MARGIN.top + 6}px`;
  });
  overlay.addEventListener('mouseleave', () => {
    guide.setAttribute('visibility', 'hidden');
    tooltip.hidden = true;
  });
}

function niceTimeStep(span) {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((x) => x * 1000);
  return steps.find((step) => span / step <= 7) || 7200 * 1000;
}
