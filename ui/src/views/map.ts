// The event map: an offline basemap (Natural Earth countries from world-atlas, drawn as vectors, no tile
// server), events as dots coloured by type and sized by fatalities, clustered when they crowd.
import type { FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesUrl from "world-atlas/countries-50m.json?url";
import type { PointFeature, Points } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import L from "../leaflet";
import { dateLabel, toll, typeChip, typeClass } from "../format";
import { eventHref } from "../router";

const MIDDLE_EAST: L.LatLngBoundsExpression = [
  [12, 25],
  [40, 60],
];

/** Land and borders; the sea is the map's background (style.css). Canvas paths take no CSS classes. */
const LAND: L.PathOptions = { fillColor: "#f3f0e8", fillOpacity: 1, color: "#a9a59b", weight: 0.7 };

let basemap: Promise<FeatureCollection> | null = null;

function countries(): Promise<FeatureCollection> {
  basemap ??= fetch(countriesUrl)
    .then((response) => response.json() as Promise<Topology<{ countries: GeometryCollection }>>)
    .then((topology) => feature(topology, topology.objects.countries) as FeatureCollection);
  return basemap;
}

/** Dot diameter in pixels: grows with the log of the toll, so one massacre does not hide the rest. */
export function diameter(fatalities: number | null): number {
  return Math.round(10 + 5 * Math.log2(1 + (fatalities ?? 0)));
}

function popup(point: PointFeature): HTMLElement {
  const p = point.properties;
  return h(
    "div",
    { class: "popup" },
    typeChip(p.type, p.subtype),
    h("div", {}, dateLabel({ date: p.date, date_precision: "day" })),
    p.location ? h("div", {}, h("bdi", { dir: "auto" }, p.location)) : null,
    h("div", {}, `${t("fatalities")}: `, toll({ best: p.fatalities, low: null, high: null })),
    h("a", { href: eventHref(point.id), class: "open-event" }, t("open_event")),
  );
}

const TYPES = new WeakMap<L.Marker, string>();

function marker(point: PointFeature): L.Marker {
  const [lon, lat] = point.geometry.coordinates;
  const size = diameter(point.properties.fatalities);
  const icon = L.divIcon({
    html: h("span", { class: `dot ${typeClass(point.properties.type)}` }),
    className: "event-marker",
    iconSize: [size, size],
  });
  const title = `${point.properties.location ?? ""} · ${point.properties.date ?? ""}`;
  const result = L.marker([lat, lon], { icon, title, alt: title, riseOnHover: true });
  result.bindPopup(() => popup(point));
  TYPES.set(result, point.properties.type);
  return result;
}

/** A cluster: how many events, in the colour of the commonest type among them. */
function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const counts = new Map<string, number>();
  for (const child of cluster.getAllChildMarkers()) {
    const type = TYPES.get(child) ?? "";
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const [commonest] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [""];
  const count = cluster.getChildCount();
  const size = Math.round(26 + 6 * Math.log2(count));
  return L.divIcon({
    html: h("span", { class: `cluster ${typeClass(commonest)}` }, String(count)),
    className: "event-cluster",
    iconSize: [size, size],
  });
}

export class EventMap {
  private readonly map: L.Map;
  private readonly clusters: L.MarkerClusterGroup;
  private fitted = false;

  constructor(container: HTMLElement) {
    this.map = L.map(container, {
      minZoom: 2,
      maxZoom: 11,
      zoomSnap: 0.5,
      worldCopyJump: true,
      preferCanvas: true,
    });
    this.map.attributionControl.setPrefix(false).addAttribution("Natural Earth · Leaflet");
    this.map.fitBounds(MIDDLE_EAST);
    void countries().then((land) => {
      L.geoJSON(land, { interactive: false, style: LAND }).addTo(this.map).bringToBack();
    });
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 36,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.clusters);
  }

  /** Show these events; the first time, zoom to them. */
  show(points: Points): void {
    this.clusters.clearLayers();
    const markers = points.features.map(marker);
    this.clusters.addLayers(markers);
    if (!this.fitted && markers.length > 0) {
      this.map.fitBounds(this.clusters.getBounds(), { padding: [30, 30], maxZoom: 7 });
      this.fitted = true;
    }
  }

  destroy(): void {
    this.map.remove();
  }
}
