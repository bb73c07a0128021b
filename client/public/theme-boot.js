/* global window, document */
// Themes the page before its first paint, so a reader who picked light never sees a flash of dark (or the reverse).
// A classic script, loaded from index.html's <head> before the body: the CSP allows 'self' scripts, not inline ones.
// Must agree with client/src/workspace/theme.ts (key 'tickline:theme', values 'dark' and 'light').
(function () {
  var theme = null;
  try {
    theme = window.localStorage.getItem('tickline:theme');
  } catch (_) {
    // Storage disabled: follow the system.
  }
  if (theme !== 'light' && theme !== 'dark') {
    var light = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: light)').matches;
    theme = light ? 'light' : 'dark';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
