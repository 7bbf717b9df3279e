// The home view: filters, the map, the timeline and the list of events, all showing the same filters.
import { api, type EventSummary, type Stats } from "../api";
import { h } from "../dom";
import { actorsLine, dateLabel, message, placeLabel, toll, typeChip } from "../format";
import { EVENT_TYPES, number, t } from "../i18n";
import { eventHref } from "../router";
import { fromQuery, toParams, toQuery, type Filters } from "../state";
import { FilterBar } from "./filters";
import { EventMap } from "./map";
import { Timeline } from "./timeline";

const PAGE = 50;

function eventItem(event: EventSummary): HTMLElement {
  return h(
    "li",
    { class: "event-item" },
    h(
      "a",
      { href: eventHref(event.id), class: "event-link" },
      h(
        "div",
        { class: "event-head" },
        typeChip(event.type, event.subtype),
        h("span", { class: "date" }, dateLabel(event)),
      ),
      h("div", { class: "event-where" }, placeLabel(event)),
      actorsLine(event),
      h(
        "div",
        { class: "event-toll" },
        `${t("fatalities")}: `,
        toll(event.fatalities),
        event.disputed ? [" ", h("span", { class: "badge disagree" }, t("sources_disagree"))] : null,
      ),
    ),
  );
}

/** Totals for the filters: the stats' own without dates, else the chosen days of the timeline added up. */
function totals(stats: Stats, filters: Filters): { events: number; dead: number } {
  if (!filters.since && !filters.until) return { events: stats.events, dead: stats.fatalities };
  const days = stats.by_day.filter(
    (d) => (!filters.since || d.date >= filters.since) && (!filters.until || d.date <= filters.until),
  );
  return { events: days.reduce((n, d) => n + d.events, 0), dead: days.reduce((n, d) => n + d.fatalities, 0) };
}

export async function homeView(root: HTMLElement, query: URLSearchParams): Promise<() => void> {
  let filters = fromQuery(query);
  const facets = await api.stats({});
  const mapBox = h("div", {
    class: "map",
    id: "map",
    role: "region",
    attrs: { "aria-label": t("map_label") },
  });
  const summary = h("p", { class: "summary", attrs: { "aria-live": "polite" } });
  const list = h("ol", { class: "events" });
  const more = h("button", { class: "more", attrs: { type: "button" } }, t("load_more"));
  const timeline = new Timeline((since, until) => {
    filters = { ...filters, since, until };
    bar.set(filters);
    void refresh();
  });
  const bar = new FilterBar(filters, facets, (next) => {
    filters = next;
    void refresh();
  });
  root.replaceChildren(
    bar.element,
    h(
      "div",
      { class: "home" },
      h("div", { class: "map-panel" }, mapBox, legend()),
      h(
        "section",
        { class: "list-panel", attrs: { "aria-label": t("events_list") } },
        h("h2", {}, t("events_list")),
        summary,
        list,
        more,
      ),
      timeline.element,
    ),
  );
  const map = new EventMap(mapBox);
  let controller: AbortController | null = null;
  let offset = 0;

  async function page(signal: AbortSignal): Promise<void> {
    const events = await api.events({ ...toParams(filters), sort: "-date", limit: PAGE, offset }, signal);
    if (offset === 0) list.replaceChildren();
    list.append(...events.items.map(eventItem));
    if (events.total === 0) list.replaceChildren(h("li", {}, message(t("no_events"))));
    offset += events.items.length;
    more.hidden = offset >= events.total;
  }

  async function refresh(): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    history.replaceState(null, "", `#/?${toQuery(filters)}`);
    offset = 0;
    try {
      const [points, stats] = await Promise.all([
        api.points(toParams(filters), signal),
        api.stats(toParams(filters, ["since", "until"]), signal),
        page(signal),
      ]);
      map.show(points);
      timeline.show(stats, filters.since, filters.until);
      const total = totals(stats, filters);
      summary.textContent = [
        t("events_count", { n: number(total.events) }),
        t("dead_count", { n: number(total.dead) }),
        t("shown_on_map", { n: number(points.features.length) }),
      ].join(" · ");
    } catch (error) {
      if (!signal.aborted) summary.replaceChildren(message(t("error", { message: String(error) }), "error"));
    }
  }

  more.addEventListener("click", () => {
    if (controller) void page(controller.signal);
  });
  await refresh();
  return () => {
    controller?.abort();
    map.destroy();
  };
}

function legend(): HTMLElement {
  const items = EVENT_TYPES.map((type) => h("li", {}, typeChip(type)));
  return h("ul", { class: "legend", attrs: { "aria-label": t("legend") } }, ...items);
}
