// Dateline reader script: the view beacon, copy-link and the native share sheet.
// Loaded with `defer`; the page works fully without it.
(function () {
  'use strict';
  var views = document.querySelector('.views[data-article-id]');
  if (views) {
    var viewsUrl = '/api/views/' + encodeURIComponent(views.getAttribute('data-article-id'));
    var showViews = function (data) {
      if (data && typeof data.views === 'number') {
        views.textContent = data.views === 1 ? '1 View' : data.views.toLocaleString('en-US') + ' Views';
      }
    };
    // Only the number, when the beacon was refused (too many from this address): cacheable for seconds.
    var readViews = function () {
      fetch(viewsUrl, { credentials: 'omit' }).then(function (r) { return r.ok ? r.json() : null; }).then(showViews).catch(function () {});
    };
    // The server counts once per reader per day, skips bots and prefetches, and answers with the
    // number, which keeps it right even when the HTML came from a cache. A keepalive fetch is
    // delivered as sendBeacon is, even if the page closes at once, and unlike sendBeacon its answer
    // can be read; sendBeacon is the fallback. Text, not JSON: a simple request, no preflight.
    var reportView = function () {
      var body = JSON.stringify({ referrer: document.referrer });
      try {
        fetch(viewsUrl, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: body, keepalive: true, credentials: 'omit' })
          .then(function (r) {
            if (r.ok) return r.json();
            if (r.status === 429) readViews();
            return null;
          })
          .then(showViews)
          .catch(function () {});
      } catch (e) {
        if (navigator.sendBeacon) navigator.sendBeacon(viewsUrl, body);
      }
    };
    // A page the browser prerenders is counted when the reader actually opens it, if ever.
    if (document.prerendering) document.addEventListener('prerenderingchange', reportView, { once: true });
    else reportView();
  }

  // Most read: the 24-hour and 7-day lists become two tabs, so the block is as tall as one list.
  function mostReadTabs(box) {
    var panels = box.querySelectorAll('.most-read-window');
    if (panels.length < 2) return;
    var bar = document.createElement('div');
    bar.className = 'most-read-tabs';
    bar.setAttribute('role', 'tablist');
    bar.setAttribute('aria-label', box.querySelector('h2').textContent);
    var tabs = [];
    for (var i = 0; i < panels.length; i++) {
      var heading = panels[i].querySelector('.most-read-when');
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.id = panels[i].id + '-tab';
      tab.textContent = heading.textContent;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panels[i].id);
      panels[i].setAttribute('role', 'tabpanel');
      panels[i].setAttribute('aria-labelledby', tab.id);
      heading.hidden = true;
      tabs.push(tab);
      bar.appendChild(tab);
    }
    function select(index, focus) {
      for (var j = 0; j < tabs.length; j++) {
        tabs[j].setAttribute('aria-selected', String(j === index));
        tabs[j].tabIndex = j === index ? 0 : -1;
        panels[j].hidden = j !== index;
      }
      if (focus) tabs[index].focus();
    }
    bar.addEventListener('click', function (event) {
      var index = tabs.indexOf(event.target.closest('[role=tab]'));
      if (index >= 0) select(index, false);
    });
    bar.addEventListener('keydown', function (event) {
      var index = tabs.indexOf(document.activeElement);
      if (index < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
      event.preventDefault();
      select((index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length, true);
    });
    box.insertBefore(bar, panels[0]);
    select(0, false);
  }
  var mostRead = document.querySelectorAll('[data-most-read]');
  for (var m = 0; m < mostRead.length; m++) mostReadTabs(mostRead[m]);

  var status = document.querySelector('.share-status');
  function say(text) {
    if (status) status.textContent = text;
  }

  var copy = document.querySelector('.share-copy');
  if (copy) {
    copy.addEventListener('click', function () {
      var url = copy.getAttribute('data-url');
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () { say('Link copied'); }, function () { say(url); });
      } else {
        say(url);
      }
    });
  }

  // The button and its list item stay hidden unless this browser can open a share sheet.
  var native = document.querySelector('.share-native');
  if (native && typeof navigator.share === 'function') {
    native.closest('li').hidden = false;
    native.addEventListener('click', function () {
      navigator.share({ title: native.getAttribute('data-title'), url: native.getAttribute('data-url') }).catch(function () {});
    });
  }
})();
