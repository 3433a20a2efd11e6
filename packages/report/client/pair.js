// Pair page: one record. Messages in conversation order with their speech act and the failure-mode
// evidence highlighted where it stands, evals, merge, patches, cost/steps/tokens, source files.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});
  var el = function () { return CBR.el.apply(null, arguments); };

  var kv = function (pairs) {
    return el('dl', { class: 'kv' }, pairs.map(function (p) { return [el('dt', null, p[0]), el('dd', null, CBR.fmt(p[1]))]; }));
  };
  var table = function (id, head, rows) {
    return el('table', { class: 'detail', id: id },
      el('thead', null, el('tr', null, head.map(function (h) { return el('th', null, h); }))),
      el('tbody', null, rows.map(function (r) { return el('tr', null, r.map(function (c) { return el('td', null, CBR.fmt(c)); })); })));
  };

  /** Failure-mode labels of the record: heuristics that fired, the judge's code and symptoms, each with its evidence. */
  function labelsOf(fm) {
    if (!fm) return [];
    var out = [];
    Object.keys(fm.heuristics).forEach(function (name) {
      var h = fm.heuristics[name];
      if (h.detected) out.push({ source: 'heuristic', name: name, evidence: h.evidence });
    });
    if (fm.comm_error.code) out.push({ source: 'judge', name: fm.comm_error.code + (fm.comm_error.description ? ': ' + fm.comm_error.description : ''), evidence: fm.comm_error.evidence });
    fm.symptoms.labels.forEach(function (l) { out.push({ source: 'judge', name: 'symptom ' + l.symptom + (l.primary ? ' (primary)' : '') + ' from ' + l.artifact, evidence: l.quotes }); });
    return out;
  }

  function messages(d, labels) {
    var r = d.record;
    if (r.messages.length === 0) return el('p', { class: 'note' }, r.messaging_enabled ? 'No messages were sent.' : 'Messaging was off in this arm.');
    // Evidence is either a quote of the message or a sentence quoting it ('message 3 (agent2): "..."'): highlight both.
    var quotes = [];
    labels.forEach(function (l) {
      (l.evidence || []).forEach(function (e) {
        quotes.push(e);
        (e.match(/"[^"]{3,}"/g) || []).forEach(function (q) { quotes.push(q.slice(1, -1)); });
      });
    });
    var order = d.conversation.order.length === r.messages.length ? d.conversation.order : r.messages.map(function (_m, i) { return { index: i, act: '—', rule: '' }; });
    var items = order.map(function (o, k) {
      var m = r.messages[o.index];
      var when = m.timestamp === null ? 'no timestamp' : new Date(m.timestamp * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z');
      var text = CBR.highlighted(m.text, quotes);
      return el('li', { class: 'msg', dataset: { index: o.index, from: m.from } },
        el('div', { class: 'msg-head' },
          el('span', { class: 'turn' }, '#' + (k + 1)), ' ',
          el('span', { class: 'who' }, m.from + ' → ' + m.to), ' ',
          el('span', { class: 'when' }, when + ' · stored position ' + (o.index + 1)), ' ',
          el('span', { class: 'act', title: 'rule: ' + o.rule }, o.act)),
        el('pre', { class: 'msg-text' }, text.node));
    });
    var note = d.conversation.timed ? 'Ordered by timestamp.' : 'No timestamps: stored order (right within each agent; the order across agents is unknown).';
    return [el('p', { class: 'note' }, note), el('ol', { class: 'messages', id: 'messages' }, items)];
  }

  function failureSection(fm, labels) {
    if (!fm) return el('p', { class: 'note' }, 'The failure-modes stage did not look at this run (not a failed coop run, or no conversation).');
    var judge = fm.comm_error.judge.status === 'judged' ? 'judged' : 'judge: ' + fm.comm_error.judge.status + (fm.comm_error.judge.reason ? ' (' + fm.comm_error.judge.reason + ')' : '');
    if (labels.length === 0) return el('p', { class: 'note' }, 'No failure-mode label. ' + judge);
    return [el('p', { class: 'note' }, judge), el('ul', { class: 'labels', id: 'failure-labels' }, labels.map(function (l) {
      return el('li', null, el('strong', null, l.source + ': ' + l.name), (l.evidence || []).length ? el('ul', null, l.evidence.map(function (e) { return el('li', null, el('q', null, e)); })) : null);
    }))];
  }

  function patches(r) {
    if (r.patches.length === 0) return el('p', { class: 'note' }, 'No patch.');
    return r.patches.map(function (p) {
      return el('div', { class: 'patch' },
        el('p', null, el('code', null, p.file), ' (feature ' + CBR.fmt(p.feature_id) + '): +' + p.lines_added + ' −' + p.lines_removed),
        table('', ['file', 'hunks (old start,lines → new start,lines)'], p.files.map(function (f) {
          return [f.path, f.hunks.map(function (h) { return h.old_start + ',' + h.old_lines + ' → ' + h.new_start + ',' + h.new_lines; }).join('; ')];
        })));
    });
  }

  function render(node, i, d) {
    var r = d.record;
    var labels = labelsOf(d.failure);
    CBR.clear(node);
    CBR.append(node, [
      el('h2', { id: 'pair-title' }, r.repo + ' task ' + r.task_id + ' ' + r.pair + ' · ' + r.model + ' · ' + r.arm),
      el('p', null, el('a', { href: '#runs?repo=' + encodeURIComponent(r.repo) }, 'all runs of this repository'), ' · record #' + i),
      kv([['record', r.record_id], ['run', r.run], ['seed', r.seed], ['framework', r.agent_framework], ['upstream version', r.upstream_version],
        ['eval format', r.eval_format], ['outcome', r.outcome + (r.unknown_reason ? ' (' + r.unknown_reason + ')' : '')], ['difficulty bucket', d.bucket],
        ['merge', r.merge.outcome + ' · strategy ' + CBR.fmt(r.merge.strategy) + ' · status ' + CBR.fmt(r.merge.status) + ' · naive conflict ' + CBR.fmt(r.merge.naive_conflict)],
        ['cost (USD)', CBR.fmt(r.total_cost, 4)], ['steps', r.total_steps], ['synthetic', r.synthetic]]),
      el('h3', null, 'Agents'),
      r.agents.length === 0 ? el('p', { class: 'note' }, 'No per-agent data in this record (imported results carry totals only).') : null,
      table('agents', ['agent', 'feature', 'status', 'cost', 'steps', 'input tokens', 'output tokens', 'cache read', 'cache write', 'patch lines', 'error'],
        r.agents.map(function (a) { return [a.agent_id, a.feature_id, a.status, CBR.fmt(a.cost, 4), a.steps, a.input_tokens, a.output_tokens, a.cache_read_tokens, a.cache_write_tokens, a.patch_lines, a.error]; })),
      el('h3', null, 'Evaluation per feature'),
      table('features', ['feature', 'passed', 'exit code', 'tests passed', 'tests failed'], r.feature_results.map(function (f) { return [f.feature_id, f.passed, f.exit_code, f.tests_passed, f.tests_failed]; })),
      el('h3', null, 'Messages (' + r.messages.length + ')'),
      messages(d, labels),
      el('h3', null, 'Failure modes'),
      failureSection(d.failure, labels),
      el('h3', null, 'Patches'),
      patches(r),
      el('h3', null, 'Source files'),
      el('p', { class: 'note' }, 'Relative to the log root; sha256 of the whole set (names and bytes): ' + CBR.fmt(r.sources.sha256)),
      table('sources', ['file', 'sha256'], d.sources.map(function (s) { return [s.path, s.sha256 === null ? 'not readable where the report was built' : s.sha256]; })),
    ]);
    node.dataset.pair = String(i);
  }

  CBR.renderPair = function (node, i) {
    CBR.clear(node);
    CBR.append(node, el('p', { class: 'note' }, 'Loading record #' + i + '…'));
    if (!(i >= 0 && i < CBR.meta.records)) {
      CBR.clear(node);
      CBR.append(node, el('p', { class: 'warn' }, 'No record #' + i + ' in this report.'));
      return Promise.resolve();
    }
    return CBR.pairDetail(i).then(function (d) { render(node, i, d); }, function (err) {
      CBR.clear(node);
      CBR.append(node, el('p', { class: 'warn' }, String(err.message || err)));
    });
  };
})();
