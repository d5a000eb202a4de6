// Draws the charts whose figures a page gives in a data-chart attribute: stacked bars of signed, pending and
// overdue per label, or bars of any series ({labels, series: [{label, data, color}], horizontal}). The same
// figures are always in a table beside the chart.
// Axes carry their titles (the unit of the values, what the labels are); a label too long for a phone's width is
// shortened on the axis and shown whole in the tooltip.
function shortened(label) {
  var room = window.innerWidth < 600 ? 16 : 32;
  return label.length > room ? label.slice(0, room - 1) + '\u2026' : label;
}

function axes(data) {
  var titles = data.axes || {};
  var value = {beginAtZero: true, title: {display: !!titles.value, text: titles.value}};
  var category = {
    title: {display: !!titles.category, text: titles.category},
    ticks: {autoSkip: !data.horizontal, callback: function (v) { return shortened(String(this.getLabelForValue(v))); }}
  };
  return data.horizontal ? {x: value, y: category} : {x: category, y: value};
}

document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
  var data = JSON.parse(canvas.dataset.chart);
  if (typeof Chart === 'undefined' || data.labels.length === 0) {
    return;
  }
  if (data.series) {
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s) {
          return {label: s.label, data: s.data, backgroundColor: s.color || '#1565c0'};
        })
      },
      options: {
        indexAxis: data.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {legend: {display: data.series.length > 1}},
        scales: axes(data)
      }
    });
    return;
  }
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        {label: 'Signed', data: data.signed, backgroundColor: '#2e7d32'},
        {label: 'Pending', data: data.pending, backgroundColor: '#f9a825'},
        {label: 'Overdue', data: data.overdue, backgroundColor: '#c62828'}
      ]
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {stacked: true, beginAtZero: true, title: {display: true, text: 'Staff'}},
        y: {stacked: true, ticks: {callback: function (v) { return shortened(String(this.getLabelForValue(v))); }}}
      }
    }
  });
});
