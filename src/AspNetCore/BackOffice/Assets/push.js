// The bell page's "Enable notifications" button: registers the push worker, subscribes this browser with the back
// office's public key and posts the subscription. Without script (or without push support) the button stays hidden
// and the page reads as before.
(function () {
  'use strict';
  var button = document.getElementById('push-enable');
  var status = document.getElementById('push-status');
  if (!button || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return;
  }

  function say(text) {
    if (status) { status.textContent = text; }
  }

  function key(base64url) {
    var base64 = (base64url + '='.repeat((4 - base64url.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  async function enable() {
    button.disabled = true;
    try {
      if (await Notification.requestPermission() !== 'granted') {
        say(button.dataset.denied);
        return;
      }
      var answer = await fetch(button.dataset.key, { credentials: 'same-origin' });
      if (!answer.ok) { throw new Error(answer.status); }
      var publicKey = (await answer.json()).publicKey;
      var registration = await navigator.serviceWorker.register(button.dataset.worker);
      await navigator.serviceWorker.ready;
      var subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(publicKey) });
      var posted = await fetch(button.dataset.subscribe, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': button.dataset.token },
        body: JSON.stringify(subscription.toJSON())
      });
      if (!posted.ok) { throw new Error(posted.status); }
      say(button.dataset.enabled);
    } catch (e) {
      say(button.dataset.failed);
    } finally {
      button.disabled = false;
    }
  }

  button.hidden = false;
  button.addEventListener('click', enable);
})();
