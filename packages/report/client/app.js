// Router: #overview (default), #runs?..., #pair/<record number>. The overview is drawn once and kept.
(function () {
  'use strict';
  var CBR = (window.CBR = window.CBR || {});

  CBR.route = function () {
    var hash = location.hash.replace(/^#/, '') || 'overview';
    var main = document.getElementById('main');
    var overview = document.getElementById('view-overview');
    var other = document.getElementById('view-other');
    if (hash === 'overview') {
      overview.hidden = false;
      other.hidden = true;
      if (!overview.dataset.built) {
        overview.dataset.built = 'true';
        return CBR.renderOverview(overview);
      }
      return Promise.resolve();
    }
    overview.hidden = true;
    other.hidden = false;
    main.dataset.view = hash.split(/[?/]/)[0];
    if (hash.startsWith('pair/')) return CBR.renderPair(other, Number(hash.slice(5)));
    if (hash === 'runs' || hash.startsWith('runs?')) {
      CBR.renderRuns(other, hash.slice(5));
      return Promise.resolve();
    }
    CBR.clear(other);
    CBR.append(other, CBR.el('p', { class: 'warn' }, 'Unknown page: ' + hash));
    return Promise.resolve();
  };

  CBR.start = function () {
    var main = CBR.clear(document.getElementById('main'));
    CBR.append(main, [CBR.el('div', { id: 'view-overview' }), CBR.el('div', { id: 'view-other', hidden: 'hidden' })]);
    CBR.banner(document.getElementById('banner'));
    CBR.rows();
    window.addEventListener('hashchange', function () {
      document.body.dataset.ready = 'false';
      CBR.route().then(function () { document.body.dataset.ready = 'true'; window.scrollTo(0, 0); });
    });
    return CBR.route().then(function () {
      // Milliseconds from navigation start to the first view drawn (the bench prints it).
      document.body.dataset.firstViewMs = String(Math.round(performance.now()));
      document.body.dataset.ready = 'true';
    });
  };
})();
