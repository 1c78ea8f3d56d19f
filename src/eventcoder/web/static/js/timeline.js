// The weekly timeline: stacked bars of events (or fatalities) per week and event type, from
// /api/stats?interval=week. Chart.js draws on a canvas (text there is painted, not parsed).

/* global Chart */
import { TYPE_ORDER, typeColor } from "./colors.js";

const DAY = 86400000;

function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s || ""));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
}

function iso(t) {
  return new Date(t).toISOString().slice(0, 10);
}

// Every period from the first to the last (weeks with no event get zero bars), or the periods
// as given when they are not dates.
export function periods(rows) {
  const given = [...new Set(rows.map((r) => String(r.period)))].sort();
  const days = given.map(parseDay);
  if (!given.length || days.some(Number.isNaN)) return given;
  const out = [];
  const last = days[days.length - 1];
  for (let t = days[0]; t <= last && out.length < 2000; t += 7 * DAY) out.push(iso(t));
  // periods that are not a whole number of weeks from the first (another interval) are kept
  for (const g of given) if (!out.includes(g)) out.push(g);
  return out.sort();
}

export function createTimeline(canvas, { onPeriod }) {
  let rows = [];
  let metric = "events";
  const chart = new Chart(canvas, {
    type: "bar",
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? `week of ${items[0].label}` : ""),
            footer: (items) => `total: ${items.reduce((a, i) => a + (i.parsed.y || 0), 0)}`,
          },
        },
      },
      onClick: (_evt, elements) => {
        if (elements.length && onPeriod) onPeriod(chart.data.labels[elements[0].index]);
      },
    },
  });

  function draw() {
    const labels = periods(rows);
    const pos = new Map(labels.map((l, i) => [l, i]));
    const types = [...new Set(rows.map((r) => r.event_type || "Other"))]
      .sort((a, b) => (TYPE_ORDER.indexOf(a) + 1 || 99) - (TYPE_ORDER.indexOf(b) + 1 || 99));
    chart.data.labels = labels;
    chart.data.datasets = types.map((type) => {
      const data = new Array(labels.length).fill(0);
      for (const r of rows) {
        if ((r.event_type || "Other") !== type) continue;
        const i = pos.get(String(r.period));
        if (i !== undefined) data[i] += Number(r[metric]) || 0;
      }
      return { label: type, data, backgroundColor: typeColor(type), borderWidth: 0 };
    });
    chart.options.scales.y.title = { display: true, text: metric };
    chart.update();
  }

  return {
    setRows(timeline) {
      rows = Array.isArray(timeline) ? timeline.filter((r) => r && r.period) : [];
      draw();
      return rows.length;
    },
    setMetric(m) {
      metric = m === "fatalities" ? "fatalities" : "events";
      draw();
    },
  };
}

// The week [start, start + 6 days] of a period label, for the date filters.
export function weekRange(label) {
  const t = parseDay(label);
  return Number.isNaN(t) ? null : { since: iso(t), until: iso(t + 6 * DAY) };
}
