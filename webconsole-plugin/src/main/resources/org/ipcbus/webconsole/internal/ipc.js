// The tab IPC: polls data.json (at most once a second, not while the tab is hidden) and fills the
// tables; posts the send and invoke forms with the action token. Data goes in as text, never HTML.
(function () {
  'use strict';
  var page = document.getElementById('ipcbus');
  var root = page.getAttribute('data-root');
  var PERIOD_MS = 1000;
  var HISTORY = 60; // points per sparkline: a minute at one poll a second
  var token = null;
  var timer = null;
  var polling = false;
  var history = {}; // channel name -> [{t, messages}]

  // A relative fetch() fails in a page loaded with credentials in its URL; an absolute URL on the
  // page's origin does not.
  function url(path) { return new URL(root + path, window.location.origin).toString(); }

  function status(text) { document.getElementById('ipc-status').textContent = text; }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(poll, Math.max(0, delay));
  }

  function poll() {
    if (document.visibilityState === 'hidden') {
      status('Paused while the tab is hidden');
      return; // visibilitychange starts it again
    }
    if (polling) { return; }
    polling = true;
    var started = Date.now();
    fetch(url('/data.json'), { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('data.json answered HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) {
        render(data);
        status('Live: updated ' + new Date(data.time).toLocaleTimeString());
      })
      .catch(function (error) { status('Could not update: ' + error.message + '; retrying'); })
      .then(function () {
        polling = false;
        schedule(PERIOD_MS - (Date.now() - started));
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      schedule(0);
    } else {
      clearTimeout(timer);
      status('Paused while the tab is hidden');
    }
  });

  // ---- rendering -------------------------------------------------------------------------------

  function cell(row, value, className) {
    var td = document.createElement('td');
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = value == null ? '' : String(value); }
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, items, columns, emptyText, key) {
    var body = document.querySelector('#' + tableId + ' tbody');
    var rows = [];
    items.forEach(function (item) {
      var row = document.createElement('tr');
      if (key) { row.setAttribute('data-key', String(key(item))); }
      columns.forEach(function (column) {
        var td = cell(row, column.value(item), column.num ? 'num' : column.className);
        if (column.name) { td.setAttribute('data-col', column.name); }
        if (column.bad && column.bad(item)) { td.classList.add('bad'); }
      });
      rows.push(row);
    });
    if (rows.length === 0) {
      var row = document.createElement('tr');
      var td = cell(row, emptyText, 'empty');
      td.colSpan = columns.length;
      rows.push(row);
    }
    body.replaceChildren.apply(body, rows);
  }

  function who(listener) {
    if (!listener) { return '-'; }
    var text = listener.serviceId >= 0
      ? 'service ' + listener.serviceId + ' of bundle ' + listener.bundleId
      : 'bundle ' + listener.bundleId;
    return listener.once ? text + ' (once)' : text;
  }

  function list(values) { return values && values.length ? values.join(', ') : '-'; }

  function rate(name, messages, time) {
    var points = history[name] || (history[name] = []);
    points.push({ t: time, messages: messages });
    if (points.length > HISTORY + 1) { points.shift(); }
    var rates = [];
    for (var i = 1; i < points.length; i++) {
      var seconds = (points[i].t - points[i - 1].t) / 1000;
      rates.push(seconds > 0 ? Math.max(0, points[i].messages - points[i - 1].messages) / seconds : 0);
    }
    return rates;
  }

  // An inline SVG line of the last minute's message rates, scaled to its highest point.
  function sparkline(name, rates) {
    var ns = 'http://www.w3.org/2000/svg';
    var width = 120, height = 24;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    var now = rates.length ? rates[rates.length - 1] : 0;
    svg.setAttribute('aria-label', 'messages per second on ' + name + ' over the last minute, now ' + now.toFixed(1));
    var max = Math.max.apply(null, rates.concat([1]));
    var step = width / HISTORY;
    var start = width - step * Math.max(0, rates.length - 1);
    var points = rates.map(function (value, i) {
      return (start + i * step).toFixed(1) + ',' + (height - 1 - (value / max) * (height - 2)).toFixed(1);
    });
    var line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.length === 1 ? points[0] + ' ' + width + ',' + points[0].split(',')[1] : points.join(' '));
    svg.appendChild(line);
    var wrap = document.createElement('span');
    wrap.appendChild(svg);
    var label = document.createElement('span');
    label.className = 'spark-rate';
    label.textContent = now.toFixed(1) + '/s';
    wrap.appendChild(label);
    return wrap;
  }

  function render(data) {
    token = data.token;
    var ids = document.getElementById('ipc-renderer-ids');
    ids.replaceChildren.apply(ids, data.renderers.map(function (r) {
      var option = document.createElement('option');
      option.value = String(r.id);
      option.label = r.bundleSymbolicName;
      return option;
    }));
    fill('ipc-renderers', data.renderers, [
      { name: 'id', value: function (r) { return r.id; } },
      { name: 'bundle', value: function (r) { return r.bundleSymbolicName + ' (' + r.bundleId + ')'; } },
      { name: 'process', value: function (r) { return r.processName == null ? 'main' : r.processName + ' (pid ' + r.pid + ')'; } },
      { name: 'sent', num: true, value: function (r) { return r.messagesSent; } },
      { name: 'received', num: true, value: function (r) { return r.messagesReceived; } },
      { name: 'pendingSendSync', num: true, value: function (r) { return r.pendingSendSync; } },
      { name: 'pendingInvoke', num: true, value: function (r) { return r.pendingInvoke; } },
      { name: 'channels', value: function (r) { return list(r.channels); } },
      { name: 'ipc', value: function (r) { return list((r.ipc || []).map(function (c) { return c.name; })); } }
    ], 'No renderer', function (r) { return r.id; });

    var seen = {};
    fill('ipc-channels', data.channels, [
      { name: 'name', value: function (c) { return c.name; } },
      { name: 'rate', className: 'spark-cell', value: function (c) { seen[c.name] = true; return sparkline(c.name, rate(c.name, c.messages, data.time)); } },
      { name: 'listeners', value: function (c) { return c.listeners.length ? c.listeners.map(who).join(', ') : '-'; } },
      { name: 'handler', value: function (c) { return who(c.handler); } },
      { name: 'messages', num: true, value: function (c) { return c.messages; } },
      { name: 'errors', num: true, value: function (c) { return c.errors; }, bad: function (c) { return c.errors > 0; } },
      { name: 'slow', num: true, value: function (c) { return c.slowDeliveries; }, bad: function (c) { return c.slowDeliveries > 0; } },
      { name: 'denied', num: true, value: function (c) { return c.denied; }, bad: function (c) { return c.denied > 0; } },
      { name: 'lastError', value: function (c) { return c.lastError == null ? '-' : c.lastError; } },
      { name: 'refused', value: function (c) {
        var refused = c.deniedRegistrations || [];
        return refused.length ? refused.map(function (d) {
          return d.role + ' by ' + d.bundleSymbolicName + ' (' + d.bundleId + '): ' + d.reason;
        }).join('; ') : '-';
      } }
    ], 'No channel yet', function (c) { return c.name; });
    Object.keys(history).forEach(function (name) { if (!seen[name]) { delete history[name]; } });

    fill('ipc-failed', data.failedServices, [
      { name: 'service', value: function (f) { return f.serviceId; } },
      { name: 'bundle', value: function (f) { return f.bundleId; } },
      { name: 'type', value: function (f) { return f.serviceType; } },
      { name: 'channels', value: function (f) { return list(f.channels); } },
      { name: 'reason', value: function (f) { return f.failureReasonName; }, className: 'bad' },
      { name: 'message', value: function (f) { return f.failureMessage; } }
    ], 'None: every whiteboard service is wired', function (f) { return f.serviceId; });

    fill('ipc-processes', data.processes, [
      { name: 'name', value: function (p) { return p.name; } },
      { name: 'pid', num: true, value: function (p) { return p.pid < 0 ? '-' : p.pid; } },
      { name: 'state', value: function (p) { return p.state; } },
      { name: 'restarts', num: true, value: function (p) { return p.restarts; } },
      { name: 'recentCrashes', num: true, value: function (p) { return p.recentCrashes; } },
      { name: 'lastExit', value: function (p) { return p.lastExitReason == null ? '-' : p.lastExitReason + ' (' + p.lastExitCode + ')'; } },
      { name: 'renderers', value: function (p) { return list(p.renderers); } }
    ], 'No renderer process: every renderer runs in main\u2019s framework', function (p) { return p.name; });

    fill('ipc-ports', data.ports || [], [
      { name: 'channel', num: true, value: function (p) { return p.channelId; } },
      { name: 'port', num: true, value: function (p) { return p.port; } },
      { name: 'holder', value: function (p) { return p.holder; } },
      { name: 'started', value: function (p) { return p.started ? 'yes' : 'no'; } },
      { name: 'queued', num: true, value: function (p) { return p.queued; } }
    ], 'No open port', function (p) { return p.channelId + '-' + p.port; });

    fill('ipc-settings', Object.keys(data.settings).map(function (k) { return [k, data.settings[k]]; }), [
      { name: 'property', value: function (e) { return e[0]; } },
      { name: 'value', num: true, value: function (e) { return e[1]; } }
    ], 'No settings published', function (e) { return e[0]; });

    fill('ipc-policy', Object.keys(data.policy).map(function (k) { return [k, data.policy[k]]; }), [
      { name: 'role', value: function (e) { return e[0]; } },
      { name: 'rules', value: function (e) { return e[1]; } }
    ], 'No policy published', function (e) { return e[0]; });
  }

  // ---- actions ---------------------------------------------------------------------------------

  function showResult(text, isError) {
    document.getElementById('ipc-action-result').textContent = isError ? '' : text;
    document.getElementById('ipc-action-error').textContent = isError ? text : '';
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.ipc-action'), function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!token) { showResult('The page has not loaded the bus state yet; try again in a second', true); return; }
      var button = form.querySelector('button');
      button.disabled = true;
      fetch(url('/' + form.getAttribute('data-action')), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Ipcbus-Token': token },
        body: new URLSearchParams(new FormData(form))
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error || 'HTTP ' + response.status); }
          showResult(body.result, false);
        });
      }).catch(function (error) {
        showResult(error.message, true);
      }).then(function () {
        button.disabled = false;
        schedule(0);
      });
    });
  });

  poll();
})();
