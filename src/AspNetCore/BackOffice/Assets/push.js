// The bell page's push buttons. "Enable notifications" registers the push worker, subscribes this browser with the
// back office's public key and posts the subscription; "Turn off notifications" tells the back office to forget it and
// unsubscribes the browser. Without script (or without push support) both stay hidden and the page reads as before.
(function () {
  'use strict';
  var box = document.getElementById('push');
  var enableButton = document.getElementById('push-enable');
  var disableButton = document.getElementById('push-disable');
  var status = document.getElementById('push-status');
  if (!box || !enableButton || !disableButton || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return;
  }

  var data = box.dataset;

  function say(text) {
    if (status) { status.textContent = text; }
  }

  function show(subscribed) {
    enableButton.hidden = subscribed;
    disableButton.hidden = !subscribed;
  }

  function key(base64url) {
    var base64 = (base64url + '='.repeat((4 - base64url.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function post(url, subscription) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': data.token },
      body: JSON.stringify(subscription.toJSON())
    });
  }

  async function current() {
    var registration = await navigator.serviceWorker.getRegistration(data.worker);
    return registration ? registration.pushManager.getSubscription() : null;
  }

  async function enable() {
    enableButton.disabled = true;
    try {
      if (await Notification.requestPermission() !== 'granted') {
        say(data.denied);
        return;
      }
      var answer = await fetch(data.key, { credentials: 'same-origin' });
      if (!answer.ok) { throw new Error(answer.status); }
      var publicKey = (await answer.json()).publicKey;
      var registration = await navigator.serviceWorker.register(data.worker);
      await navigator.serviceWorker.ready;
      var subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(publicKey) });
      var posted = await post(data.subscribe, subscription);
      if (!posted.ok) { throw new Error(posted.status); }
      show(true);
      say(data.enabled);
    } catch (e) {
      say(data.failed);
    } finally {
      enableButton.disabled = false;
    }
  }

  async function disable() {
    disableButton.disabled = true;
    try {
      var subscription = await current();
      if (subscription) {
        // The back office forgets it first: were the browser's unsubscribe to go first and the call then fail, the
        // server would keep sending to an endpoint no one reads until the push service reports it gone.
        var posted = await post(data.unsubscribe, subscription);
        if (!posted.ok) { throw new Error(posted.status); }
        await subscription.unsubscribe();
      }
      show(false);
      say(data.disabled);
    } catch (e) {
      say(data.disableFailed);
    } finally {
      disableButton.disabled = false;
    }
  }

  enableButton.addEventListener('click', enable);
  disableButton.addEventListener('click', disable);
  current().then(function (subscription) { show(!!subscription); }, function () { show(false); });
})();
