// Folds the main navigation behind a Menu button on small screens (the CSS decides when); without this script the
// navigation simply stays open.
document.querySelectorAll('header.top').forEach(function (header) {
  var button = header.querySelector('.menu-button');
  var nav = header.querySelector('nav');
  if (!button || !nav) {
    return;
  }
  header.classList.add('folding');
  button.hidden = false;
  button.addEventListener('click', function () {
    var open = nav.classList.toggle('open');
    button.setAttribute('aria-expanded', String(open));
  });
});
