// Starts the map's worker (js/clusters.js) while the page still loads: a worker takes a
// moment to start (its own thread, its script, supercluster), and js/map.js, which uses it,
// runs only once the page's modules are all loaded. A classic script, async: it holds up
// nothing.
window.eventcoderWorker = window.eventcoderWorker ||
  new Worker(new URL("js/clusters.js", document.baseURI));
