// Hash routes: #/ (map), #/events/12, #/articles, #/articles/ID?event=12. The server serves one page for all.

export type Route =
  | { view: "home"; query: URLSearchParams }
  | { view: "event"; id: number }
  | { view: "articles"; query: URLSearchParams }
  | { view: "article"; id: string; event: number | null };

export function parse(hash: string): Route {
  const [path, search = ""] = hash.replace(/^#/, "").split("?", 2);
  const query = new URLSearchParams(search);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "events" && /^\d+$/.test(parts[1] ?? "")) return { view: "event", id: Number(parts[1]) };
  if (parts[0] === "articles" && parts[1]) {
    const event = query.get("event");
    return { view: "article", id: parts[1], event: event && /^\d+$/.test(event) ? Number(event) : null };
  }
  if (parts[0] === "articles") return { view: "articles", query };
  return { view: "home", query };
}

export function eventHref(id: number): string {
  return `#/events/${id}`;
}

export function articleHref(id: string, event?: number | null): string {
  return `#/articles/${encodeURIComponent(id)}${event ? `?event=${event}` : ""}`;
}
