// Cutting an article into runs of text, each with the highlights that cover it. Offsets are code points
// (Python's string indexes), not JavaScript's UTF-16 units, so text is sliced on an array of code points.
import type { Highlight, HighlightKind } from "./api";
import { h } from "./dom";

export const KINDS: HighlightKind[] = ["event", "figure", "claim", "cue", "place", "entity"];

export interface Run {
  text: string;
  marks: Highlight[];
}

/** The runs of ``chars[from:to]`` between every highlight boundary, each with the highlights covering it. */
export function runs(chars: string[], marks: Highlight[], from: number, to: number): Run[] {
  const inside = marks.filter((m) => m.start < to && m.end > from && m.start < m.end);
  const cuts = new Set([from, to]);
  for (const mark of inside) {
    if (mark.start > from) cuts.add(mark.start);
    if (mark.end < to) cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    result.push({
      text: chars.slice(start, end).join(""),
      marks: inside.filter((m) => m.start <= start && m.end >= end),
    });
  }
  return result;
}

/** A run as DOM: plain text, or a ``<mark>`` classed by every kind covering it (CSS picks the colour). */
export function render(run: Run, focusEvent: number | null, describe: (mark: Highlight) => string): Node {
  if (run.marks.length === 0) return document.createTextNode(run.text);
  const kinds = new Set(run.marks.map((m) => m.kind));
  const classes = ["hl", ...KINDS.filter((k) => kinds.has(k)).map((k) => `hl-${k}`)];
  if (focusEvent !== null && run.marks.some((m) => m.event_id === focusEvent)) classes.push("focus");
  const title = [...new Set(run.marks.map(describe))].join(" · ");
  return h("mark", { class: classes.join(" "), title }, run.text);
}
