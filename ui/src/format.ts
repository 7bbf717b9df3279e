// Small pieces shared by the views: an event's type, place, actors, date and toll as DOM.
import type { Actor, EventSummary, Fatalities } from "./api";
import { h } from "./dom";
import { countryName, date, dirOf, localName, number, subtypeName, t, typeName } from "./i18n";

/** A CSS-safe class for an event type from the data. */
export function typeClass(type: string): string {
  return `type-${type.replace(/[^a-z_]/g, "")}`;
}

export function typeChip(type: string, subtype?: string): HTMLElement {
  return h(
    "span",
    { class: `chip ${typeClass(type)}`, title: subtype ? subtypeName(subtype) : typeName(type) },
    h("span", { class: "swatch", attrs: { "aria-hidden": "true" } }),
    typeName(type),
  );
}

/** The best figure and, when the sources give a range, the range: "12 (12 to 20)". */
export function toll(f: Fatalities): string {
  if (f.best === null) return t("not_reported");
  const spread = f.low !== null && f.high !== null && f.low !== f.high;
  return spread
    ? `${number(f.best)} (${t("fatalities_range", { low: number(f.low!), high: number(f.high!) })})`
    : number(f.best);
}

export function dateLabel(event: Pick<EventSummary, "date" | "date_precision">): string {
  if (!event.date) return t("date_unknown");
  const key = `precision_${event.date_precision}` as Parameters<typeof t>[0];
  const note = ["day", "week", "month", "year", "unknown"].includes(event.date_precision) ? t(key) : "";
  return note ? `${date(event.date)} ${note}` : date(event.date);
}

/** Where: the gazetteer's name in the interface language, else the text the article used, and the country. */
export function placeLabel(event: EventSummary): HTMLElement {
  const name = event.place
    ? localName(event.place)
    : { text: event.location_text ?? t("unknown"), lang: null };
  const country = event.country ? countryName(event.country) : null;
  return h(
    "span",
    { class: "place" },
    h("bdi", { lang: name.lang ?? undefined, dir: name.lang ? dirOf(name.lang) : "auto" }, name.text),
    country ? t("list_separator") : null,
    country,
  );
}

export function actorLabel(actor: Actor | null): HTMLElement | null {
  if (!actor) return null;
  const name = localName(actor);
  return h(
    "bdi",
    { class: "actor", lang: name.lang ?? undefined, dir: name.lang ? dirOf(name.lang) : "auto" },
    name.text,
  );
}

export function actorsLine(event: Pick<EventSummary, "actor1" | "actor2">): HTMLElement | null {
  const first = actorLabel(event.actor1);
  const second = actorLabel(event.actor2);
  if (!first && !second) return null;
  return h("span", { class: "actors" }, first, first && second ? ` ${t("versus")} ` : null, second);
}

export function message(text: string, kind: "empty" | "error" | "loading" = "empty"): HTMLElement {
  return h("p", { class: `message ${kind}`, role: kind === "error" ? "alert" : undefined }, text);
}

/** Parts of a metadata line, each isolated (a site name or a date must not reorder its neighbours). */
export function metaLine(parts: Array<string | null | undefined>): Node[] {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.flatMap((part, i) => [...(i ? [document.createTextNode(" · ")] : []), h("bdi", {}, part)]);
}
