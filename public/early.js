// The first requests of a page, started while the app's wasm is still downloading, and a
// notice if the app stops on a crash.
// Runs before the app (a classic script from this origin — no inline script, so a strict
// CSP stays possible). Each request is left in `self.__vitrinaEarly[url]`; the app's
// transport (src/api/http.rs, `take_early`) takes the one whose URL it asks for, once, and
// asks the network for everything else. Only what a guest sees is asked for here: with a
// session the app sends its own requests, with the token.
(function () {
  'use strict';
  // On a prerendered page this script is deferred: until it runs, the page's «В корзину»
  // would do nothing, so CSS keeps it invisible (style/base.css) — in place, nothing moves.
  document.documentElement.setAttribute('data-early', '');
  // The release build turns a Rust panic into a plain wasm trap (scripts/build.sh): the app
  // stops where it is. Say so, and offer a reload (the cart is kept in storage).
  function crashed(error) {
    if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('crash')) return;
    var box = document.createElement('div');
    box.id = 'crash';
    box.className = 'crash';
    box.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = 'Что-то пошло не так, и витрина остановилась. Корзина сохранена.';
    var again = document.createElement('button');
    again.type = 'button';
    again.className = 'btn';
    again.textContent = 'Перезагрузить страницу';
    again.addEventListener('click', function () {
      location.reload();
    });
    box.appendChild(text);
    box.appendChild(again);
    document.body.appendChild(box);
  }
  addEventListener('error', function (e) {
    crashed(e.error);
  });
  addEventListener('unhandledrejection', function (e) {
    crashed(e.reason);
  });

  // «Нет сети» while the browser is offline — from here, so it is said even when the wasm
  // never arrived; announced to screen readers (role=status). The app tries again what
  // failed for want of a network once it is back (src/state/network.rs).
  var offline = document.createElement('div');
  offline.className = 'offline';
  offline.setAttribute('role', 'status');
  offline.setAttribute('data-testid', 'offline-banner');
  function network() {
    offline.textContent = navigator.onLine
      ? ''
      : 'Нет сети. Корзина и всё введённое сохранены — продолжим, как только связь вернётся.';
  }
  addEventListener('online', network);
  addEventListener('offline', network);
  function banner() {
    if (offline.isConnected || !document.body) return;
    network();
    document.body.insertBefore(offline, document.body.firstChild);
  }
  // On a prerendered page the banner goes in when the app is asked for (start(), after the
  // first paint): nothing of this script touches the page's DOM before it is on screen.
  document.addEventListener('DOMContentLoaded', function () {
    if (!deferred || started) banner();
  });

  // Render-then-swap (src/main.rs): a prerendered page (`#prerendered`) is shown until the
  // app has drawn its own in a hidden `#app`, then removed. Before that the shopper may act
  // on it: «В корзину» is never silently dead (its click is taken here, said at once, and
  // the app's own button is pressed after the swap: the app adds it, at the live price), and
  // what was typed (the header's search) is carried into the app's inputs.
  var ADD = '[data-testid=add-to-cart]';
  var wanted = null;
  var typedIn = null;
  // A card's button is told apart by its card's product link; the product page's by none.
  function cardOf(button) {
    var card = button.closest('[data-testid=product-card]');
    var link = card && card.querySelector('a[href]');
    return link ? link.getAttribute('href') : '';
  }
  document.addEventListener(
    'click',
    function (e) {
      var button = e.target.closest && e.target.closest('#prerendered ' + ADD);
      if (!button) return;
      e.preventDefault();
      if (wanted !== null || button.disabled) return;
      wanted = cardOf(button);
      start();
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.setAttribute('data-early-add', '');
      var label = button.querySelector('[aria-live]') || button;
      label.textContent = 'Добавляем…';
    },
    true
  );
  document.addEventListener('focusin', function (e) {
    if (e.target.closest && e.target.closest('#prerendered')) typedIn = e.target;
  });
  function field(el) {
    var key = el.getAttribute('data-testid') ? 'data-testid' : el.getAttribute('name') ? 'name' : null;
    return key && el.tagName.toLowerCase() + '[' + key + '="' + el.getAttribute(key).replace(/["\\]/g, '') + '"]';
  }
  function carry(pre, app) {
    [].forEach.call(pre.querySelectorAll('input, textarea, select'), function (from) {
      var selector = field(from);
      var to = selector && app.querySelector(selector);
      if (!to || from.type === 'hidden' || from.type === 'checkbox' || from.type === 'radio') return;
      if (from.value !== from.defaultValue || from === typedIn) {
        to.value = from.value;
        to.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (from === typedIn) {
        to.focus();
        try {
          to.setSelectionRange(from.selectionStart, from.selectionEnd);
        } catch (e) {}
      }
    });
  }
  // The app's button for the same product, once it is drawn (a few frames at most).
  function press(app, tries) {
    var buttons = [].filter.call(app.querySelectorAll(ADD), function (b) {
      return cardOf(b) === wanted;
    });
    if (buttons.length) return buttons[0].click();
    if (tries > 0) requestAnimationFrame(function () {
      press(app, tries - 1);
    });
  }
  // A prerendered page is this URL's only when it says so (`data-path`, the path it was
  // drawn for) and, for a listing, the URL asks for no other view (a filter, a search, a
  // page): a host's SPA fallback may be the prerendered home page, a static host serves
  // /catalog/index.html for /catalog?q=… too. Else it goes, and the app draws the page as
  // without a prerender, after the same placeholder as index.html's.
  function ours(pre) {
    var at = (pre.getAttribute('data-path') || '').replace(/(.)\/$/, '$1');
    var listing = CATALOG.test(path) || PAGES[2][0].test(path);
    return at === path.replace(/(.)\/$/, '$1') && !(listing && location.search);
  }
  function placeholder() {
    var boot = document.createElement('div');
    boot.id = 'boot';
    boot.className = 'boot';
    var bar = document.createElement('div');
    bar.className = 'boot__bar';
    var text = document.createElement('p');
    text.className = 'boot__text';
    text.textContent = 'Загружаем витрину…';
    boot.appendChild(bar);
    boot.appendChild(text);
    return boot;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var pre = document.getElementById('prerendered');
    if (!pre) return;
    if (!ours(pre)) {
      pre.parentNode.replaceChild(placeholder(), pre);
      return start();
    }
    new MutationObserver(function (changes, observer) {
      if (pre.isConnected) return;
      observer.disconnect();
      var app = document.getElementById('app');
      if (!app) return;
      carry(pre, app);
      if (wanted !== null) press(app, 120);
    }).observe(pre.parentNode, { childList: true });
  });

  // BEGIN written from the Rust side by tests/routes.rs; change the Rust, then run
  // VITRINA_WRITE_EARLY=1 cargo test --test routes
  // The signed-in shopper's session: its storage and key (state/storage.rs).
  var SESSION = ['sessionStorage', 'vitrina.session'];
  // Cards whose images load at once (components/listing.rs FIRST_ROW).
  var FIRST_ROW = 4;
  // The catalog's first page, as the app asks for it (api products_query).
  var FIRST_PAGE = '/products?page=1&pageSize=24';
  // The pages a guest may open whose code is a chunk of its own: path, chunk.
  var PAGES = [
    [/^\/$/, 'home'],
    [/^\/categories\/?$/, 'categories'],
    [/^\/category\/([^/]+)\/?$/, 'category'],
    [/^\/product\/([^/]+)\/?$/, 'product'],
    [/^\/cart\/?$/, 'cart'],
    [/^\/favorites\/?$/, 'favorites'],
    [/^\/signin\/?$/, 'signin'],
  ];
  // The pages whose first requests start here.
  var HOME = /^\/$/;
  var CATALOG = /^\/catalog\/?$/;
  var PRODUCT = /^\/product\/([^/]+)\/?$/;
  // END
  var early = {};
  self.__vitrinaEarly = early;

  function get(url) {
    var controller = new AbortController();
    early[url] = {
      at: Date.now(),
      controller: controller,
      response: fetch(url, {
        mode: 'cors',
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      }),
    };
    // An unused failure must not be reported as unhandled; the app sees it when it asks.
    early[url].response.catch(function () {});
    return early[url].response;
  }

  // Loads `field` of the cover image (the primary, else the first) of each product that
  // `pick` finds in the answer's `data`.
  function preload(response, pick, field) {
    response
      .then(function (r) {
        return r.ok ? r.clone().json() : null;
      })
      .then(function (body) {
        early.images = pick(body && body.data).map(function (p) {
          var images = p.images || [];
          var cover = images.filter(function (i) {
            return i.isPrimary;
          })[0] || images[0];
          // http(s) only, as the app itself (api::web_url): never a javascript: or data: URL.
          if (!cover || !/^https?:\/\//i.test(cover[field])) return null;
          var img = new Image();
          img.fetchPriority = 'high';
          img.src = cover[field];
          return img;
        });
      })
      .catch(function () {});
  }

  // The route, without the deployment's base path (`/shop/catalog` → `/catalog`).
  var base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  var path = location.pathname;
  if (base && path.indexOf(base) === 0) path = path.slice(base.length) || '/';

  // The page's code and first requests. On the shell (index.html) they start at once. A
  // prerendered page (src/prerender/write.rs) keeps the app's own tags — its start module, the
  // wasm and module preloads — inert in `<template id="vitrina-app">`: its HTML, CSS and
  // first images get the network first, and the app (360 KB on a phone's 4G) follows once the
  // page is painted, or at once when the shopper acts on it (a press, a key, a tap).
  function whenLoaded(run) {
    if (document.readyState === 'complete') run();
    else addEventListener('load', run);
  }
  // `run` once the page's first contentful paint is on screen (its paint entry); where the
  // browser reports no paint entries, after the next frame.
  function painted(run) {
    var types = (self.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf('paint') < 0) {
      return requestAnimationFrame(function () {
        setTimeout(run, 0);
      });
    }
    var observer = new PerformanceObserver(function (list) {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      run();
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  var deferred = document.getElementById('vitrina-app');
  var started = false;
  function start() {
    if (started) return;
    started = true;
    banner();
    var tags = deferred ? [].slice.call(deferred.content.children) : [];
    tags.forEach(function (tag) {
      if (tag.tagName !== 'SCRIPT') document.head.appendChild(document.importNode(tag, true));
    });
    begin();
    // A script from a template is never run: a new element with the same attributes is.
    tags.forEach(function (tag) {
      if (tag.tagName !== 'SCRIPT') return;
      var script = document.createElement('script');
      [].forEach.call(tag.attributes, function (a) {
        script.setAttribute(a.name, a.value);
      });
      document.head.appendChild(script);
    });
  }
  if (!deferred) {
    start();
  } else {
    // After the page's first paint: the page's HTML, CSS and the images it asked for first
    // (the main photo, the first row: fetchpriority=high) go before the app's bytes.
    painted(start);
    ['pointerdown', 'keydown', 'touchstart', 'focusin'].forEach(function (type) {
      addEventListener(type, start, { capture: true, passive: true, once: true });
    });
    // A page that never paints (a tab opened in the background): the app starts after 3 s.
    document.addEventListener('DOMContentLoaded', function () {
      setTimeout(start, 3000);
    });
  }

  function begin() {
    // The page's own code: in a release build every page but the catalog is a chunk of its
    // own, loaded by the app once the main module runs (src/components/lazy.rs). Fetched with it,
    // beside the main module; the app's request finds the preload. scripts/split-post.mjs lists
    // each page's chunks in index.html: `{"#": hash, page: "14-45,47"}`, runs of chunk
    // numbers (`chunk_<n>-<hash>.wasm`), then the page's own `split_<page>-<hash>.wasm`; the
    // app's loader module reads the same list.
    var list = {};
    try {
      list = JSON.parse(document.getElementById('vitrina-chunks').textContent);
    } catch (e) {}
    function chunks(page) {
      var end = '-' + list['#'] + '.wasm';
      var files = [];
      if (typeof list[page] !== 'string') return files;
      list[page].replace(/(\d+)(?:-(\d+))?/g, function (m, a, b) {
        for (var n = +a; n <= +(b || a); n++) files.push('chunk_' + n + end);
      });
      files.push('split_' + page + end);
      return files;
    }
    function hint(rel, file) {
      var link = document.createElement('link');
      link.rel = rel;
      if (rel === 'preload') link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = file;
      document.head.appendChild(link);
    }
    var page = null;
    PAGES.forEach(function (p) {
      if (p[0].test(path)) page = p[1];
    });
    chunks(page).forEach(function (file) {
      hint('preload', file);
    });
    // A product page is where a shopper goes next from any other page: its code is fetched
    // once this page has loaded and the browser is idle (into the HTTP cache, at low
    // priority), so opening a product inside the app does not wait for it.
    if (page !== 'product') {
      whenLoaded(function () {
        (self.requestIdleCallback || setTimeout)(function () {
          chunks('product').forEach(function (file) {
            hint('prefetch', file);
          });
        });
      });
    }

    var config = get('config.json');
    var guest = true;
    try {
      guest = !self[SESSION[0]].getItem(SESSION[1]);
    } catch (e) {
      guest = false;
    }
    if (!guest) return;

    var product = PRODUCT.exec(path);
    var catalog = CATALOG.test(path) && !location.search;
    if (!product && !catalog && !HOME.test(path)) return;

    config
      .then(function (r) {
        return r.ok ? r.clone().json() : null;
      })
      .then(function (c) {
        if (!c || typeof c.commerce !== 'string') return;
        // As the app reads it: trimmed, without a trailing slash.
        var commerce = c.commerce.trim().replace(/\/+$/, '');
        if (!/^https?:\/\//.test(commerce)) return;
        // The images the page paints first (its largest paint) load before the wasm too: the
        // page asks for the same URLs and finds them in the image cache.
        if (product) {
          var id = decodeURIComponent(product[1]);
          // The gallery's main photo: the primary one, else the first, full size.
          preload(get(commerce + '/products/' + encodeURIComponent(id)), function (data) {
            return data ? [data] : [];
          }, 'url');
        } else {
          if (catalog) {
            // The first row's cards: their cover thumbnails.
            preload(get(commerce + FIRST_PAGE), function (data) {
              return ((data && data.products) || []).slice(0, FIRST_ROW);
            }, 'thumbnailUrl');
          }
          get(commerce + '/categories?includeProducts=true');
        }
      })
      .catch(function () {});
  }
})();
