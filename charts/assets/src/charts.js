// Draws the portal's charts only when they scroll into view, so a page's
// first screen costs no chart work: built by `npm run build` into
// ../static/charts.js, a few hundred bytes, and put on a page with
//
//   <script src="/static/charts/charts.HASH.js" data-draw="/static/charts/draw.HASH.js" defer></script>
//
// When the first [data-chart] box comes within 300px of the screen, it loads
// the ECharts bundle (data-draw, src/draw.js) once, and draws each chart as
// it comes into view. Each box has its height from the stylesheet, so
// nothing shifts when a chart is drawn. Without IntersectionObserver, every
// chart is drawn at once.
(function () {
  const script = document.currentScript;
  const src = script && script.dataset.draw;
  let loading = null;

  function library() {
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = () => (window.cyberportalCharts ? resolve(window.cyberportalCharts) : reject(new Error('no charts')));
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(el) {
    library().then((lib) => lib.draw(el), () => {});
  }

  function start() {
    const boxes = document.querySelectorAll('[data-chart]');
    if (boxes.length === 0 || !src) {
      return;
    }
    if (!('IntersectionObserver' in window)) {
      boxes.forEach(draw);
      return;
    }
    const seen = new IntersectionObserver((entries) => {
      entries.forEach((e) => {
        if (e.isIntersecting) {
          seen.unobserve(e.target);
          draw(e.target);
        }
      });
    }, { rootMargin: '300px 0px' });
    boxes.forEach((el) => seen.observe(el));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
