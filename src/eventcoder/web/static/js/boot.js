// The map's worker (js/clusters.js) and the first view's points, started as early as the page
// allows: a module of its own (async in index.html) that needs only api.js and state.js, so
// it runs before the page's other modules and the libraries have loaded. The worker then
// fetches /api/points for the filters in the URL hash while it starts up; js/map.js takes
// the answer over (the same module instance: map.js imports this one).

import { api } from "./api.js";
import { pointsParams, readHash } from "./state.js";

export const worker = new Worker(new URL("js/clusters.js", document.baseURI));

// The first load: its number, its URL and the worker's messages until map.js takes them.
export const firstLoad = { gen: 1, url: api.pointsUrl(pointsParams(readHash())), messages: [] };

worker.onmessage = (evt) => firstLoad.messages.push(evt.data);
worker.postMessage({ type: "load", gen: firstLoad.gen, url: firstLoad.url });
