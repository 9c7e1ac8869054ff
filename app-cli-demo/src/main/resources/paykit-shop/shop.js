// The demo shop's script. The pages work without it: the forms are plain forms, and a pending
// return page reloads itself through a meta refresh. With it, a Pay form is sent once however
// often it is pressed, and a pending return page asks the shop's /status again, less and less
// often, until the payment is decided (then the page is loaded again to show the outcome) or the
// limit is reached (then it says that the shop will email the customer).
(function () {
  'use strict';

  var forms = Array.prototype.slice.call(document.querySelectorAll('form[data-once]'));

  function busy(form, on) {
    var button = form.querySelector('button');
    var note = form.querySelector('.busy');
    if (on) {
      form.dataset.sent = 'true';
      if (button) { button.setAttribute('aria-busy', 'true'); }
    } else {
      delete form.dataset.sent;
      if (button) { button.removeAttribute('aria-busy'); }
    }
    if (note) { note.hidden = !on; }
  }

  forms.forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.sent === 'true') {
        event.preventDefault();
        return;
      }
      busy(form, true);
    });
  });

  // Back brings a page back as it was left, mid-submit: its forms must work again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      forms.forEach(function (form) { busy(form, false); });
    }
  });

  var page = document.querySelector('[data-status-url]');
  if (!page) {
    return;
  }
  var url = page.dataset.statusUrl;
  var delay = Number(page.dataset.pollFirstMs);
  var longest = Number(page.dataset.pollLongestMs);
  var limit = Number(page.dataset.pollLimit);
  var polls = 0;
  var title = page.querySelector('h1');
  var message = document.getElementById('message');
  var progress = document.getElementById('progress');
  var gaveUp = document.getElementById('gave-up');

  function schedule() {
    if (polls >= limit) {
      page.dataset.polling = 'stopped';
      if (progress) { progress.hidden = true; }
      if (gaveUp) { gaveUp.hidden = false; }
      return;
    }
    window.setTimeout(poll, delay);
    delay = Math.min(delay * 1.5, longest);
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; })
      .then(function (status) {
        polls += 1;
        page.dataset.polls = String(polls);
        if (status && status.terminal) {
          page.dataset.polling = 'decided';
          window.location.replace(window.location.href);
          return;
        }
        if (status) {
          page.dataset.state = status.state;
          title.textContent = status.title;
          message.textContent = status.message;
        }
        schedule();
      });
  }

  page.dataset.polling = 'running';
  schedule();
})();
