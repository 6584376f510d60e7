// duban page behaviour: charts from data-chart JSON, scrolling to the highlighted sentence.
// No inline scripts anywhere (the CSP forbids them).
(function () {
  'use strict';
  function chart(el) {
    if (!window.echarts) return;
    var spec;
    try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
    var c = window.echarts.init(el);
    var opt;
    if (spec.kind === 'pie') {
      var colors = { completed: '#15803d', ahead: '#22c55e', on_track: '#4ade80', behind: '#f59e0b',
        seriously_behind: '#b91c1c', not_reported: '#9ca3af', not_started: '#cbd5e1', adjusted: '#6366f1' };
      opt = { tooltip: { trigger: 'item', formatter: '{b}：{c}项（{d}%）' }, legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: spec.data.map(function (d) {
          return { name: d.name, value: d.value, itemStyle: { color: colors[d.status] } }; }) }] };
    } else if (spec.kind === 'bar') {
      opt = { tooltip: { trigger: 'axis' }, grid: { left: 40, right: 10, bottom: 90 },
        xAxis: { type: 'category', data: spec.labels, axisLabel: { rotate: 45, interval: 0 } },
        yAxis: { type: 'value', max: 100, name: '%' },
        series: spec.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data, itemStyle: { color: '#b91c1c' } }; }) };
    } else {
      opt = { tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 50, right: 16, bottom: 50 },
        xAxis: { type: 'category', data: spec.labels }, yAxis: { type: 'value', name: spec.unit || '' },
        series: spec.series.map(function (s, i) { return { name: s.name, type: 'line', data: s.data, connectNulls: true,
          lineStyle: i === 0 ? { width: 3 } : { type: 'dashed' } }; }) };
    }
    c.setOption(opt);
    window.addEventListener('resize', function () { c.resize(); });
  }
  function init() {
    document.querySelectorAll('[data-chart]').forEach(chart);
    var hl = document.getElementById('hl');
    if (hl) {
      var box = hl.closest('.source');
      if (box) box.scrollTop = hl.offsetTop - box.offsetTop - 60;
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
