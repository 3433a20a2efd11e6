// Overview: the data banner, every figure (vega-embed on the static figures' own vega-lite specs) and
// the tables. A click on a mark that stands for runs opens the runs table on those runs.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});
  var el = function () { return CBR.el.apply(null, arguments); };

  CBR.banner = function (node) {
    var m = CBR.meta;
    var kind = m.synthetic > 0 ? 'SYNTHETIC data: ' + m.synthetic + ' of ' + m.records + ' records are synthetic' : 'Real runs';
    CBR.clear(node);
    CBR.append(node, [
      el('h1', null, m.title),
      el('p', { class: m.synthetic > 0 ? 'warn' : 'note', id: 'data-kind' }, kind, m.label ? ' — ' + m.label : ''),
      el('p', { class: m.judge.status === 'not-run' ? 'warn' : 'note', id: 'judge-status' }, m.judge.text),
      el('p', { class: 'note' }, m.records + ' run records from ' + m.store),
    ]);
  };

  /** Markdown's backslash escapes (the tables escape _ * | and the like), undone for display as text. */
  var unescape = function (t) { return t.replace(/\\([\\`*_{}\[\]()#+\-.!|<>])/g, '$1'); };

  function markdownTable(lines) {
    var rows = lines
      .filter(function (l) { return !/^\|\s*:?-{2,}/.test(l); })
      .map(function (l) { return l.replace(/^\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/).map(function (c) { return unescape(c.trim()); }); });
    var head = rows.shift() || [];
    return el('table', { class: 'md' },
      el('thead', null, el('tr', null, head.map(function (c) { return el('th', null, c); }))),
      el('tbody', null, rows.map(function (r) { return el('tr', null, r.map(function (c) { return el('td', null, c); })); })));
  }

  /** Markdown as the figures package writes it: pipe tables, headings and paragraphs, shown as text. */
  function markdown(text) {
    var out = [];
    var lines = text.split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.startsWith('|')) {
        var block = [];
        while (i < lines.length && lines[i].startsWith('|')) block.push(lines[i++]);
        i--;
        out.push(markdownTable(block));
      } else if (/^#+\s/.test(line)) out.push(el('h4', null, unescape(line.replace(/^#+\s*/, ''))));
      else if (line.trim()) out.push(el('p', { class: 'md' }, unescape(line)));
    }
    return out;
  }

  function embedFigure(fig, holder, status) {
    return window.vegaEmbed(holder, fig.spec, { actions: false, renderer: 'svg' }).then(function (result) {
      result.view.addEventListener('click', function (_event, item) {
        var key = item && item.datum && item.datum.__sel;
        if (key) location.hash = '#runs?sel=' + encodeURIComponent(key);
      });
      status.textContent = '';
      holder.dataset.rendered = 'true';
      CBR.views = CBR.views || {};
      CBR.views[fig.name] = result.view;
    }).catch(function (err) {
      status.textContent = 'This figure could not be drawn: ' + (err && err.message ? err.message : String(err));
      status.className = 'warn';
    });
  }

  CBR.renderOverview = function (node) {
    var m = CBR.meta;
    var jobs = [];
    CBR.append(node, el('p', { class: 'note' }, 'Hover a bar or point for k/n and its interval; click it to list the runs behind it.'));
    m.figures.forEach(function (fig) {
      var holder = el('div', { class: 'figure', id: 'figure-' + fig.name, dataset: { figure: fig.name } });
      var status = el('p', { class: 'note' }, 'drawing…');
      CBR.append(node, el('section', { class: 'fig', id: 'section-' + fig.name }, holder, status, fig.note ? el('p', { class: 'note' }, fig.note) : null));
      jobs.push({ fig: fig, holder: holder, status: status });
    });
    if (m.tables.length > 0) {
      CBR.append(node, el('h2', null, 'Tables'));
      m.tables.forEach(function (t) {
        CBR.append(node, el('section', { class: 'table', id: 'table-' + t.name }, el('h3', null, t.title), markdown(t.markdown)));
      });
    }
    return CBR.loadVega()
      .then(function () { return Promise.all(jobs.map(function (j) { return embedFigure(j.fig, j.holder, j.status); })); })
      .catch(function (err) { CBR.append(node, el('p', { class: 'warn' }, String(err.message || err))); })
      .then(function () { node.dataset.figuresDone = 'true'; });
  };
})();
