// Events per day as bars, with a brush: drag across days to filter the map and the list to them.
import type { Stats } from "../api";
import { h, svg } from "../dom";
import { date, number, t } from "../i18n";

const HEIGHT = 90;
const AXIS = 18;
const DAY = 86_400_000;

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export type BrushHandler = (since: string, until: string) => void;

export class Timeline {
  readonly element: HTMLElement;
  private readonly chart: SVGSVGElement;
  private readonly caption: HTMLElement;
  private first = 0;
  private last = 0;
  private selection: SVGRectElement | null = null;

  constructor(private readonly onBrush: BrushHandler) {
    this.chart = svg("svg", { class: "timeline-chart", height: HEIGHT + AXIS, role: "img" });
    this.chart.setAttribute("aria-label", t("timeline"));
    this.caption = h("span", { class: "timeline-caption" }, t("timeline_hint"));
    const clearDates = h("button", { class: "link", attrs: { type: "button" } }, t("clear_dates"));
    clearDates.addEventListener("click", () => this.onBrush("", ""));
    this.element = h(
      "section",
      { class: "timeline", attrs: { "aria-label": t("timeline") } },
      h("header", {}, h("h2", {}, t("timeline")), this.caption, clearDates),
      h("div", { class: "timeline-frame", dir: "ltr" }, this.chart),
    );
    this.brush();
  }

  private width(): number {
    return Math.max(this.chart.getBoundingClientRect().width, 200);
  }

  private x(day: number): number {
    const span = Math.max(this.last - this.first + 1, 1);
    return ((day - this.first) / span) * this.width();
  }

  private dayAt(x: number): number {
    const span = Math.max(this.last - this.first + 1, 1);
    const day = this.first + Math.floor((x / this.width()) * span);
    return Math.min(Math.max(day, this.first), this.last);
  }

  show(stats: Stats, since: string, until: string): void {
    this.chart.replaceChildren();
    this.selection = null;
    if (stats.by_day.length === 0) {
      this.caption.textContent = t("no_dates");
      return;
    }
    this.caption.textContent = t("timeline_hint");
    this.first = dayNumber(stats.by_day[0].date);
    this.last = dayNumber(stats.by_day[stats.by_day.length - 1].date);
    const most = Math.max(...stats.by_day.map((d) => d.events));
    const barWidth = Math.max(this.x(this.first + 1) - this.x(this.first) - 1, 2);
    for (const day of stats.by_day) {
      const height = Math.max((day.events / most) * (HEIGHT - 14), 2);
      const bar = svg("rect", {
        class: "bar",
        x: this.x(dayNumber(day.date)),
        y: HEIGHT - height,
        width: barWidth,
        height,
      });
      const tip = svg("title");
      tip.textContent = `${date(day.date)}: ${t("events_count", { n: number(day.events) })}`;
      bar.appendChild(tip);
      this.chart.appendChild(bar);
    }
    this.axis(most);
    if (since || until)
      this.select(since ? dayNumber(since) : this.first, until ? dayNumber(until) : this.last);
  }

  private axis(most: number): void {
    // ISO dates: the chart runs left to right in both interfaces, and they read the same in both.
    const labels: Array<[number, string, string]> = [
      [0, isoOf(this.first), "start"],
      [this.width(), isoOf(this.last), "end"],
    ];
    for (const [x, text, anchor] of labels) {
      const label = svg("text", { x, y: HEIGHT + AXIS - 4, "text-anchor": anchor, class: "axis" });
      label.textContent = text;
      this.chart.appendChild(label);
    }
    const top = svg("text", { x: 2, y: 10, class: "axis" });
    top.textContent = number(most);
    this.chart.appendChild(top);
  }

  private select(from: number, to: number): void {
    const [low, high] = from <= to ? [from, to] : [to, from];
    if (!this.selection) {
      this.selection = svg("rect", { class: "selection", y: 0, height: HEIGHT });
      this.chart.appendChild(this.selection);
    }
    this.selection.setAttribute("x", String(this.x(low)));
    this.selection.setAttribute("width", String(Math.max(this.x(high + 1) - this.x(low), 2)));
  }

  /** Drag to choose days; a click chooses one day. Pointer capture keeps the drag when leaving the chart. */
  private brush(): void {
    let start: number | null = null;
    const dayOf = (event: PointerEvent) =>
      this.dayAt(event.clientX - this.chart.getBoundingClientRect().left);
    this.chart.addEventListener("pointerdown", (event) => {
      if (this.last === 0) return;
      start = dayOf(event);
      this.chart.setPointerCapture(event.pointerId);
      this.select(start, start);
    });
    this.chart.addEventListener("pointermove", (event) => {
      if (start !== null) this.select(start, dayOf(event));
    });
    this.chart.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const end = dayOf(event);
      const [low, high] = start <= end ? [start, end] : [end, start];
      start = null;
      this.onBrush(isoOf(low), isoOf(high));
    });
  }
}
