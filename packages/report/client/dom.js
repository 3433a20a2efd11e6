// DOM helpers. Every string from the data (agent messages, patch and file names, model names) goes
// into the page as a text node: nothing here ever assigns HTML.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});

  /** el('td', {class: 'x', dataset: {k: 'v'}}, 'text', childNode, ...): strings become text nodes. */
  CBR.el = function (tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'dataset') Object.keys(v).forEach(function (d) { node.dataset[d] = String(v[d]); });
        else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
        else if (k === 'text') node.textContent = String(v);
        else node.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) CBR.append(node, arguments[i]);
    return node;
  };

  CBR.append = function (node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { CBR.append(node, c); });
    else if (typeof child === 'object' && child.nodeType) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  };

  CBR.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  /**
   * The text with every occurrence of the quotes wrapped in <mark> (as text nodes): the failure-mode
   * evidence shown where it stands in the message.
   */
  CBR.highlighted = function (text, quotes) {
    var spans = [];
    (quotes || []).forEach(function (q) {
      if (typeof q !== 'string' || q.trim().length < 3) return;
      var from = 0;
      var at;
      while ((at = text.indexOf(q, from)) !== -1) {
        spans.push([at, at + q.length]);
        from = at + q.length;
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    var frag = document.createDocumentFragment();
    var pos = 0;
    merged.forEach(function (s) {
      if (s[0] > pos) frag.appendChild(document.createTextNode(text.slice(pos, s[0])));
      frag.appendChild(CBR.el('mark', null, text.slice(s[0], s[1])));
      pos = s[1];
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    return { node: frag, marks: merged.length };
  };

  CBR.fmt = function (x, digits) {
    if (x === null || x === undefined) return '—';
    if (typeof x === 'number' && digits !== undefined) return x.toFixed(digits);
    return String(x);
  };
})();
