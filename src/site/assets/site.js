// Dateline reader script: the view beacon, copy-link and the native share sheet.
// Loaded with `defer`; the page works fully without it.
(function () {
  'use strict';
  var views = document.querySelector('.views[data-article-id]');
  if (views) {
    // Counted once per page load; the answer keeps the number right even when the HTML came from a cache.
    fetch('/api/views/' + encodeURIComponent(views.getAttribute('data-article-id')), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      keepalive: true,
      credentials: 'omit',
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && typeof data.views === 'number') {
          views.textContent = data.views === 1 ? '1 View' : data.views.toLocaleString('en-US') + ' Views';
        }
      })
      .catch(function () {});
  }

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
