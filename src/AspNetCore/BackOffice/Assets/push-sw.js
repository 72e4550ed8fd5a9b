// The back office's push worker: shows each notification the push notifier sends ({title, body, link, tag}) and opens
// its item when clicked. Only http(s) links are opened.
'use strict';

self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { body: event.data ? event.data.text() : '' }; }
  event.waitUntil(self.registration.showNotification(data.title || 'PosFleet', {
    body: data.body || '',
    tag: data.tag,
    data: { link: data.link }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var link = event.notification.data && event.notification.data.link;
  if (!link) { return; }
  var url = new URL(link, self.registration.scope);
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    event.waitUntil(self.clients.openWindow(url.href));
  }
});
