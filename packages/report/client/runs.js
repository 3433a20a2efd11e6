// Runs table: every record, filtered, sorted and paged (50 rows a page, so 30,000 records stay
// responsive). The state lives in the URL hash: #runs?model=...&outcome=pass,fail&sel=s3&sort=cost.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});
  var el = function () { return CBR.el.apply(null, arguments); };
  var PAGE = 50;
  var FILTERS = ['model', 'arm', 'seed', 'repo', 'outcome', 'merge', 'bucket', 'era', 'flag'];
  var SHOWN = ['repo', 'task', 'pair', 'model', 'arm', 'seed', 'outcome', 'merge', 'bucket', 'flags', 'messages', 'cost', 'steps'];

  CBR.parseQuery = function (query) {
    var state = {};
    (query || '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      state[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1));
    });
    return state;
  };
  var toQuery = function (state) {
    return Object.keys(state)
      .filter(function (k) { return state[k] !== '' && state[k] !== undefined && state[k] !== null; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(state[k]); })
      .join('&');
  };
  var go = function (state) { location.hash = '#runs' + (toQuery(state) ? '?' + toQuery(state) : ''); };

  /** A predicate per active filter: the table's own filters, and those of a figure mark's selection. */
  function predicates(state) {
    var c = CBR.col;
    var preds = [];
    var eq = function (col, v) { preds.push(function (r) { return String(r[c[col]]) === v; }); };
    var oneOf = function (col, list) { preds.push(function (r) { return list.indexOf(String(r[c[col]])) !== -1; }); };
    FILTERS.forEach(function (f) {
      var v = state[f];
      if (v === undefined || v === '') return;
      if (f === 'flag') preds.push(function (r) { return r[c.flags].indexOf(v) !== -1; });
      else if (f === 'outcome') oneOf('outcome', v.split(','));
      else eq(f, v);
    });
    if (state.q) {
      var q = state.q.toLowerCase();
      preds.push(function (r) { return (r[c.record_id] + ' ' + r[c.task]).toLowerCase().indexOf(q) !== -1; });
    }
    var sel = state.sel ? CBR.selection(state.sel) : null;
    if (sel) {
      var f = sel.filter;
      if (f.model !== undefined) eq('model', f.model);
      if (f.arm !== undefined) eq('arm', f.arm);
      if (f.repo !== undefined) eq('repo', f.repo);
      if (f.bucket !== undefined) eq('bucket', String(f.bucket));
      if (f.era !== undefined) eq('era', f.era);
      if (f.outcome) oneOf('outcome', f.outcome);
      if (f.flag !== undefined) preds.push(function (r) { return r[c.flags].indexOf(f.flag) !== -1; });
      if (f.ids) {
        var ids = new Set(f.ids);
        preds.push(function (_r, i) { return ids.has(i); });
      }
    }
    return { preds: preds, sel: sel };
  }

  function matching(state) {
    var p = predicates(state);
    var rows = CBR.rows();
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var ok = true;
      for (var j = 0; j < p.preds.length && ok; j++) ok = p.preds[j](rows[i], i);
      if (ok) out.push(i);
    }
    if (state.sort) {
      var col = CBR.col[state.sort];
      var dir = state.dir === 'desc' ? -1 : 1;
      out.sort(function (a, b) {
        var x = rows[a][col];
        var y = rows[b][col];
        if (Array.isArray(x)) { x = x.length; y = y.length; }
        if (x === y) return a - b;
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    }
    return { ids: out, sel: p.sel };
  }

  function distinct(col) {
    var seen = new Set();
    var idx = CBR.col[col];
    CBR.rows().forEach(function (r) {
      if (col === 'flags') r[idx].forEach(function (f) { seen.add(f); });
      else seen.add(String(r[idx]));
    });
    return Array.from(seen).sort();
  }

  function filterBar(state) {
    var bar = el('form', { class: 'filters', id: 'filters', on: { submit: function (e) { e.preventDefault(); } } });
    FILTERS.forEach(function (f) {
      var values = distinct(f === 'flag' ? 'flags' : f);
      if (f === 'outcome') values = values.concat(['pass,fail']);
      var select = el('select', { name: f, id: 'filter-' + f, on: { change: function (e) { var s = Object.assign({}, state, { page: '' }); s[f] = e.target.value; go(s); } } },
        el('option', { value: '' }, f + ': any'),
        values.map(function (v) { return el('option', { value: v, selected: state[f] === v ? 'selected' : null }, v); }));
      CBR.append(bar, el('label', null, select));
    });
    var search = el('input', { type: 'search', id: 'filter-q', placeholder: 'record id or task…', value: state.q || '' });
    search.addEventListener('change', function () { go(Object.assign({}, state, { q: search.value, page: '' })); });
    CBR.append(bar, [search, el('button', { type: 'button', id: 'clear-filters', on: { click: function () { go({}); } } }, 'clear all')]);
    return bar;
  }

  function countLine(state, found) {
    var sel = found.sel;
    var n = found.ids.length;
    if (!sel) return el('p', { id: 'run-count', dataset: { count: n, total: n } }, n + ' of ' + CBR.rows().length + ' records match');
    var total = n + sel.missing;
    var parts = [sel.label + ': ' + n + ' records'];
    if (sel.missing > 0) parts.push(' + ' + sel.missing + ' planned pairs never run (counted as failures)');
    parts.push(' = n ' + total + ' (the figure shows n = ' + sel.n + ')');
    return el('p', { id: 'run-count', class: total === sel.n ? 'note' : 'warn', dataset: { count: n, total: total, expected: sel.n } }, parts.join(''),
      ' ', el('a', { href: '#runs?' + toQuery(Object.assign({}, state, { sel: '' })) }, 'drop this selection'));
  }

  function cell(col, row, i) {
    var v = row[CBR.col[col]];
    if (col === 'task') return el('td', null, el('a', { href: '#pair/' + i }, String(v)));
    if (col === 'flags') return el('td', { class: 'flags' }, v.join(' '));
    if (col === 'cost') return el('td', { class: 'num' }, CBR.fmt(v, 2));
    return el('td', { class: typeof v === 'number' ? 'num' : null, dataset: col === 'outcome' ? { outcome: v } : null }, CBR.fmt(v));
  }

  CBR.renderRuns = function (node, query) {
    var state = CBR.parseQuery(query);
    var found = matching(state);
    var pages = Math.max(1, Math.ceil(found.ids.length / PAGE));
    var page = Math.min(pages, Math.max(1, Number(state.page) || 1));
    var rows = CBR.rows();
    var head = el('tr', null, SHOWN.map(function (col) {
      var active = state.sort === col;
      var next = active && state.dir !== 'desc' ? 'desc' : 'asc';
      return el('th', null, el('a', { href: '#runs?' + toQuery(Object.assign({}, state, { sort: col, dir: next, page: '' })) }, col + (active ? (state.dir === 'desc' ? ' ▼' : ' ▲') : '')));
    }));
    var body = el('tbody', null, found.ids.slice((page - 1) * PAGE, page * PAGE).map(function (i) {
      return el('tr', { dataset: { record: i } }, SHOWN.map(function (col) { return cell(col, rows[i], i); }));
    }));
    var pager = el('p', { class: 'pager', id: 'pager' },
      page > 1 ? el('a', { href: '#runs?' + toQuery(Object.assign({}, state, { page: page - 1 })) }, '← previous') : '',
      ' page ' + page + ' of ' + pages + ' ',
      page < pages ? el('a', { href: '#runs?' + toQuery(Object.assign({}, state, { page: page + 1 })), id: 'next-page' }, 'next →') : '');
    CBR.clear(node);
    CBR.append(node, [el('h2', null, 'Runs'), filterBar(state), countLine(state, found), el('table', { class: 'runs', id: 'runs-table' }, el('thead', null, head), body), pager]);
  };
})();
