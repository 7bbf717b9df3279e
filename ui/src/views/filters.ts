// The filter bar: dates, type, country, actor, minimum toll and text. Changes are reported at once,
// except typing, which waits for a pause.
import type { Stats } from "../api";
import { api } from "../api";
import { h } from "../dom";
import { countryName, EVENT_TYPES, t, typeName } from "../i18n";
import { EMPTY, type Filters } from "../state";

const TYPING_PAUSE_MS = 350;

type Field = keyof Filters;

function labelled(text: string, control: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, text), control);
}

function select(options: Array<[string, string]>, value: string): HTMLSelectElement {
  const element = h("select");
  for (const [key, label] of options) {
    const option = h("option", {}, label);
    option.value = key;
    element.appendChild(option);
  }
  element.value = value;
  return element;
}

function isBox(control: HTMLInputElement | HTMLSelectElement): control is HTMLInputElement {
  return control instanceof HTMLInputElement && control.type === "checkbox";
}

/** A control's value as a filter: a ticked box is "1". */
function read(control: HTMLInputElement | HTMLSelectElement): string {
  if (isBox(control)) return control.checked ? "1" : "";
  return control.value.trim();
}

function write(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (isBox(control)) control.checked = value === "1";
  else control.value = value;
}

function input(type: string, value: string, placeholder = ""): HTMLInputElement {
  const element = h("input", { attrs: { type } });
  write(element, value);
  if (placeholder) element.placeholder = placeholder;
  return element;
}

export class FilterBar {
  readonly element: HTMLFormElement;
  private readonly controls = new Map<Field, HTMLInputElement | HTMLSelectElement>();
  private timer: number | undefined;

  constructor(
    private filters: Filters,
    facets: Stats,
    private readonly onChange: (filters: Filters) => void,
  ) {
    const countries = facets.by_country.filter((c) => c.key).map((c) => c.key as string);
    if (filters.country && !countries.includes(filters.country)) countries.push(filters.country);
    const actors = h("datalist", { id: "actor-names" });
    const min = input("number", filters.min_fatalities);
    min.min = "0";
    const fields: Array<[Field, string, HTMLInputElement | HTMLSelectElement]> = [
      ["since", t("since"), input("date", filters.since)],
      ["until", t("until"), input("date", filters.until)],
      [
        "type",
        t("type"),
        select(
          [["", t("any_type")], ...EVENT_TYPES.map((k): [string, string] => [k, typeName(k)])],
          filters.type,
        ),
      ],
      [
        "country",
        t("country"),
        select(
          [["", t("any_country")], ...countries.map((c): [string, string] => [c, countryName(c)])],
          filters.country,
        ),
      ],
      ["actor", t("actor"), input("search", filters.actor, t("actor_placeholder"))],
      ["min_fatalities", t("min_fatalities"), min],
      ["q", t("search"), input("search", filters.q, t("search_placeholder"))],
      ["past", t("include_past"), input("checkbox", filters.past)],
    ];
    const reset = h("button", { class: "reset", attrs: { type: "reset" } }, t("reset"));
    this.element = h("form", { class: "filters", role: "search" });
    for (const [field, label, control] of fields) {
      control.name = field;
      this.controls.set(field, control);
      const typing = control instanceof HTMLInputElement && ["search", "number"].includes(control.type);
      control.addEventListener(typing ? "input" : "change", () => this.changed(typing));
      this.element.appendChild(labelled(label, control));
    }
    this.controls.get("actor")?.setAttribute("list", "actor-names");
    this.element.append(actors, reset);
    this.element.addEventListener("submit", (event) => event.preventDefault());
    this.element.addEventListener("reset", (event) => {
      event.preventDefault();
      this.set({ ...EMPTY });
      this.onChange(this.filters);
    });
    void api.actors({ limit: 200 }).then((page) => {
      for (const actor of page.items) {
        const option = h("option");
        option.value = actor.name;
        actors.appendChild(option);
      }
    });
  }

  /** Show ``filters`` in the controls (after a brush, or a reset) without reporting a change. */
  set(filters: Filters): void {
    this.filters = { ...filters };
    for (const [field, control] of this.controls) write(control, filters[field]);
  }

  private changed(typing: boolean): void {
    window.clearTimeout(this.timer);
    const report = () => {
      const next = { ...this.filters };
      for (const [field, control] of this.controls) next[field] = read(control);
      this.filters = next;
      this.onChange(next);
    };
    if (typing) this.timer = window.setTimeout(report, TYPING_PAUSE_MS);
    else report();
  }
}
