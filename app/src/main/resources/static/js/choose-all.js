// A box in a table's header that chooses, or lets go of, every row of that table (the findings queue's bulk triage);
// without this script the box stays hidden and each row is chosen by its own box.
document.querySelectorAll('input[data-choose-all]').forEach(function (all) {
  var table = all.closest('table');
  var rows = table.querySelectorAll('tbody input[type=checkbox]');
  all.hidden = false;
  all.addEventListener('change', function () {
    rows.forEach(function (row) {
      row.checked = all.checked;
    });
  });
  rows.forEach(function (row) {
    row.addEventListener('change', function () {
      all.checked = Array.prototype.every.call(rows, function (r) { return r.checked; });
    });
  });
});
