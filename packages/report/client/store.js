// The data the report was built with: meta (figures, selections, tables), the index rows (one array
// per record, columns in meta.columns) and pair details, loaded on demand in chunks.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});
  var indexChunks = [];
  var pairChunks = {};
  var pairWaiters = {};

  CBR.setMeta = function (meta) {
    CBR.meta = meta;
    CBR.col = {};
    meta.columns.forEach(function (c, i) { CBR.col[c] = i; });
  };
  CBR.addIndex = function (k, rows) { indexChunks[k] = rows; };
  CBR.addPairs = function (k, details) {
    pairChunks[k] = details;
    (pairWaiters[k] || []).forEach(function (w) { w.resolve(details); });
    delete pairWaiters[k];
  };

  /** All index rows, in store order (a record's number is its position). */
  CBR.rows = function () {
    if (!CBR._rows) {
      var all = [];
      for (var k = 0; k < indexChunks.length; k++) {
        if (!indexChunks[k]) throw new Error('index chunk ' + k + ' did not load');
        for (var j = 0; j < indexChunks[k].length; j++) all.push(indexChunks[k][j]);
      }
      CBR._rows = all;
    }
    return CBR._rows;
  };

  /** The pair detail of record i: its chunk is loaded with a <script> tag (file:// allows no fetch). */
  CBR.pairDetail = function (i) {
    var size = CBR.meta.chunks.pairSize;
    var k = Math.floor(i / size);
    var pick = function (details) { return details[i - k * size]; };
    if (pairChunks[k]) return Promise.resolve(pick(pairChunks[k]));
    return new Promise(function (resolve, reject) {
      var first = !pairWaiters[k];
      (pairWaiters[k] = pairWaiters[k] || []).push({ resolve: function (d) { resolve(pick(d)); }, reject: reject });
      if (!first) return;
      CBR.loadScript('data/pairs-' + String(k).padStart(3, '0') + '.js').catch(function (err) {
        (pairWaiters[k] || []).forEach(function (w) { w.reject(err); });
        delete pairWaiters[k];
      });
    });
  };

  /** Loads a classic script of the report (file:// allows no fetch and no module scripts). */
  CBR.loadScript = function (src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.body.appendChild(s);
    });
  };

  /** vega, vega-lite, vega-embed, in that order, once. */
  CBR.loadVega = function () {
    if (!CBR._vega) {
      CBR._vega = CBR.meta.vendor.reduce(function (p, src) { return p.then(function () { return CBR.loadScript(src); }); }, Promise.resolve());
    }
    return CBR._vega;
  };

  CBR.selection = function (key) {
    return (CBR.meta.selections || []).find(function (s) { return s.key === key; }) || null;
  };
})();
