// The home view's filters, kept in the address (#/?type=battles&since=…) so a view can be shared and reloaded.
import type { Params } from "./api";

export interface Filters {
  since: string;
  until: string;
  type: string;
  country: string;
  actor: string;
  min_fatalities: string;
  q: string;
  /** "1" to include past events that articles recall as background; left out by default. */
  past: string;
}

export const EMPTY: Filters = {
  since: "",
  until: "",
  type: "",
  country: "",
  actor: "",
  min_fatalities: "",
  q: "",
  past: "",
};

export function fromQuery(search: URLSearchParams): Filters {
  const filters = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as Array<keyof Filters>) filters[key] = search.get(key) ?? "";
  return filters;
}

export function toQuery(filters: Filters): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  return search.toString();
}

/** The API's query parameters for ``filters``, leaving out ``without`` (the timeline drops the dates). */
export function toParams(filters: Filters, without: Array<keyof Filters> = []): Params {
  const { past, ...rest } = filters;
  const params: Params = { ...rest, historical: past ? null : "false" };
  for (const key of without) delete params[key];
  return params;
}
