// Adds the visitor's own time beside each UTC time on the status page: "21:15 UTC (22:15 CET)". The page reads fully
// without it; nothing is added where the visitor's clock is UTC anyway.
(function () {
  'use strict';
  var lang = document.documentElement.lang || undefined;
  var today = new Date().toDateString();
  var times = document.querySelectorAll('time[data-local]');
  for (var i = 0; i < times.length; i++) {
    var el = times[i];
    var at = new Date(el.getAttribute('datetime'));
    if (isNaN(at.getTime()) || at.getTimezoneOffset() === 0) {
      continue;
    }

    // 24-hour, like the UTC text beside it.
    var options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
    if (at.toDateString() !== today) {
      options.month = 'short';
      options.day = 'numeric';
    }

    var local = document.createElement('span');
    local.className = 'local-time';
    local.textContent = ' (' + at.toLocaleString(lang, options) + ')';
    el.parentNode.insertBefore(local, el.nextSibling);
  }
}());
