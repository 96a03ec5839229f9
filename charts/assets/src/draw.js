// Draws one of the portal's charts with ECharts. Built by `npm run build`
// into ../static/draw.js and served from our own origin. It is not on the
// page: ../static/charts.js (src/charts.js) loads it when the first chart
// comes near the screen, and calls window.cyberportalCharts.draw(el) for
// each chart as it scrolls into view, so a page costs no chart work until
// the reader gets there.
//
// A page marks a chart with <div data-chart="ID"> and puts its options, made
// by the Go package charts, in <script type="application/json" id="ID-options">.
//
// Only the parts of ECharts that the options use are imported, which keeps
// the bundle small.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  // labelLayout.hideOverlap: value labels that would run into each other
  // (many bars, or a phone) are left out; the tooltip and table have them.
  LabelLayout,
  SVGRenderer,
]);

// FORMAT_KEY carries {lang, unit, decimals, missing, hidden}: ECharts cannot format
// numbers per language from JSON alone, so the value axis and the tooltip get
// Intl.NumberFormat formatters here. Data labels come formatted from Go.
const FORMAT_KEY = '_format';

function numberFormatter(hint) {
  const decimals = Math.max(0, Math.min(hint.decimals | 0, 20));
  let nf;
  try {
    nf = new Intl.NumberFormat(hint.lang, {
      style: hint.unit === 'percent' ? 'percent' : 'decimal',
      maximumFractionDigits: decimals,
    });
  } catch (e) {
    nf = new Intl.NumberFormat(undefined, { maximumFractionDigits: decimals });
  }
  const scale = hint.unit === 'percent' ? 100 : 1;
  return (v) => nf.format(v / scale);
}

function applyFormat(options, hint) {
  if (!hint || typeof hint !== 'object') {
    return;
  }
  const fmt = numberFormatter(hint);
  const missing = typeof hint.missing === 'string' ? hint.missing : '-';
  // hidden[i] says what a null at data index i stands for ("<10" or "hidden").
  const hidden = Array.isArray(hint.hidden) ? hint.hidden : [];
  const isMissing = (v) => v === null || v === undefined || v === '-' || Number.isNaN(v);

  const axes = [].concat(options.xAxis || [], options.yAxis || []);
  for (const axis of axes) {
    if (axis && axis.type === 'value') {
      axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: (v) => fmt(v) });
    }
  }
  if (options.tooltip && typeof options.tooltip === 'object') {
    options.tooltip.valueFormatter = (v, i) => {
      if (!isMissing(v)) {
        return fmt(v);
      }
      return typeof hidden[i] === 'string' && hidden[i] !== '' ? hidden[i] : missing;
    };
  }
}

// fitLegend makes room for a legend that wraps on a narrow chart (a phone):
// the plot moves up by the lines the legend will take, so neither overlaps
// the axis. ECharts places a wrapping legend but does not move the grid.
function fitLegend(el, options) {
  const legend = options.legend;
  const grid = [].concat(options.grid || [])[0];
  if (!legend || !legend.show || !grid || !Array.isArray(legend.data)) {
    return;
  }
  const perLine = Math.max(1, Math.floor(el.clientWidth / 190));
  const lines = Math.ceil(legend.data.length / perLine);
  if (lines > 1) {
    grid.bottom = 50 + lines * 22;
  }
}

function drawChart(el) {
  const source = document.getElementById(el.dataset.chart + '-options');
  if (!source) {
    return null;
  }
  let options;
  try {
    options = JSON.parse(source.textContent);
  } catch (e) {
    return null;
  }
  const hint = options[FORMAT_KEY];
  delete options[FORMAT_KEY];
  applyFormat(options, hint);
  fitLegend(el, options);
  // The options already turn animation off; this keeps it off whatever they say.
  options.animation = false;

  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption(options);
  return chart;
}

// drawn holds the charts drawn so far, to resize them with the window.
const drawn = [];
let pending = 0;

function draw(el) {
  if (el.dataset.drawn) {
    return;
  }
  el.dataset.drawn = '1';
  const chart = drawChart(el);
  if (!chart) {
    return;
  }
  drawn.push(chart);
  if (drawn.length === 1) {
    window.addEventListener('resize', () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => drawn.forEach((c) => c.resize()), 100);
    });
  }
}

window.cyberportalCharts = { draw };
