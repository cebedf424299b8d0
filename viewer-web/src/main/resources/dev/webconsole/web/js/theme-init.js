// Runs before the first paint (a classic script, not a module) so the page never flashes the wrong
// theme. The theme is "dark" or "light" from localStorage, else the system's prefers-color-scheme.
(function () {
  var theme = null;
  try {
    theme = localStorage.getItem('webconsole.theme');
  } catch (e) {
    // storage disabled: follow the system
  }
  if (theme !== 'dark' && theme !== 'light') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
