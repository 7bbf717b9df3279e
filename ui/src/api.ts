// The REST API's shapes (see /openapi.json) and the calls the views make.

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Place {
  id: number;
  name: string;
  name_ar: string | null;
  lat: number;
  lon: number;
  country: string | null;
  admin1: string | null;
}

export interface Actor {
  id: number;
  name: string;
  name_ar: string | null;
  type: string | null;
  country: string | null;
}

export interface Fatalities {
  best: number | null;
  low: number | null;
  high: number | null;
}

export interface EventSummary {
  id: number;
  type: string;
  subtype: string;
  date: string | null;
  date_precision: string;
  location_text: string | null;
  place: Place | null;
  country: string | null;
  admin1: string | null;
  actor1: Actor | null;
  actor2: Actor | null;
  fatalities: Fatalities;
  historical: boolean;
  disputed: boolean;
  confidence: number | null;
  report_count: number;
  languages: string[];
}

export interface ArticleRef {
  id: string;
  title: string | null;
  language: string;
  published: string | null;
  site: string | null;
  url: string | null;
}

export interface Speaker {
  text: string;
  name: string | null;
  kind: string | null;
}

export interface Figure {
  id: number;
  report_id: number;
  article_id: string;
  kind: string;
  count: number | null;
  low: number | null;
  high: number | null;
  qualifier: string;
  victims: string | null;
  claimant: Speaker | null;
  evidence: Span | null;
}

export interface Claim {
  id: number;
  article_id: string;
  local_id: string;
  speaker: Speaker;
  via: Array<Record<string, unknown>>;
  cue: string | null;
  content: Span;
  direct: string;
  negated: boolean;
}

export interface Report {
  id: number;
  article: ArticleRef;
  evidence: Span[];
  figures: Figure[];
  fatalities: Fatalities;
  pinned: boolean;
  claim_ids: number[];
}

export interface Comparison {
  kind: string;
  victims: string | null;
  low: number;
  high: number;
  figures: number[];
  claimants: string[];
  disagree: boolean;
}

export interface EventDetail extends EventSummary {
  reports: Report[];
  claims: Claim[];
  figures: Figure[];
  comparison: Comparison[];
}

export interface ArticleSummary extends ArticleRef {
  ingested_at: string;
  reports: number;
}

export type HighlightKind = "event" | "figure" | "claim" | "cue" | "place" | "entity";

export interface Highlight extends Span {
  kind: HighlightKind;
  ref: string | null;
  event_id: number | null;
}

export interface Paragraph {
  start: number;
  end: number;
  language?: string | null;
}

export interface ArticleDetail {
  article: {
    id: string;
    title: string | null;
    text: string;
    language: string;
    published: string | null;
    paragraphs?: Paragraph[];
    source?: { url?: string | null; site?: string | null; syndicated_from?: string | null; origin?: string };
  };
  highlights: Highlight[];
  reports: Array<{ id: number; local_id: string; event_id: number | null; type: string; subtype: string }>;
}

export interface Count {
  key: string | null;
  events: number;
  fatalities: number;
}

export interface Stats {
  events: number;
  fatalities: number;
  by_day: Array<{ date: string; events: number; fatalities: number }>;
  by_type: Count[];
  by_country: Count[];
}

export interface PointFeature {
  type: "Feature";
  id: number;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: {
    type: string;
    subtype: string;
    date: string | null;
    fatalities: number | null;
    location: string | null;
  };
}

export interface Points {
  type: "FeatureCollection";
  features: PointFeature[];
  total: number;
  truncated: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | null | undefined>;

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api/${path}${query(params)}`, {
    signal,
    headers: { Accept: "application/json" },
  });
  if (!response.ok) {
    let message = response.statusText;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as T;
}

export const api = {
  events: (params: Params, signal?: AbortSignal) => get<Page<EventSummary>>("events", params, signal),
  points: (params: Params, signal?: AbortSignal) => get<Points>("events/points", params, signal),
  event: (id: number) => get<EventDetail>(`events/${id}`),
  stats: (params: Params, signal?: AbortSignal) => get<Stats>("stats", params, signal),
  articles: (params: Params) => get<Page<ArticleSummary>>("articles", params),
  article: (id: string) => get<ArticleDetail>(`articles/${encodeURIComponent(id)}`),
  actors: (params: Params) => get<Page<Actor & { events: number }>>("actors", params),
};
