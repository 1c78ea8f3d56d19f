// One colour per ACLED event type (Okabe-Ito: distinguishable with colour-vision
// deficiencies), shared by the map, the timeline and the table.

import { EVENT_TYPES } from "./taxonomy.js";

const PALETTE = {
  "Battles": "#D55E00",
  "Explosions/Remote violence": "#E69F00",
  "Violence against civilians": "#CC79A7",
  "Protests": "#0072B2",
  "Riots": "#56B4E9",
  "Strategic developments": "#009E73",
};
const OTHER = "#6b6b6b";

export function typeColor(eventType) {
  return PALETTE[eventType] || OTHER;
}

export const TYPE_ORDER = [...EVENT_TYPES];
