// One article, its text as published with the evidence highlighted: the event's own evidence strongest,
// then figures, claims, places and names, each switchable. Text goes in as text nodes only.
import { api, type ArticleDetail, type Highlight, type Paragraph } from "../api";
import { externalLink, h } from "../dom";
import { KINDS, render, runs } from "../highlight";
import { date, dirOf, languageName, subtypeName, t, type Key } from "../i18n";
import { eventHref } from "../router";
import { typeChip } from "../format";

const SHOWN_AT_FIRST = new Set(["event", "figure", "claim"]);

function describe(mark: Highlight): string {
  const what = t(`hl_${mark.kind}` as Key);
  return mark.event_id !== null ? `${what} → #${mark.event_id}` : what;
}

function paragraphs(detail: ArticleDetail, length: number): Paragraph[] {
  const given = detail.article.paragraphs ?? [];
  return given.length ? given : [{ start: 0, end: length, language: detail.article.language }];
}

function body(detail: ArticleDetail, focus: number | null): HTMLElement {
  const chars = Array.from(detail.article.text);
  const container = h("div", { class: "article-body" });
  for (const kind of SHOWN_AT_FIRST) container.classList.add(`show-${kind}`);
  if (focus !== null) container.classList.add("has-focus");
  for (const paragraph of paragraphs(detail, chars.length)) {
    const language = paragraph.language ?? detail.article.language;
    const p = h("p", { lang: language, dir: dirOf(language) });
    for (const run of runs(chars, detail.highlights, paragraph.start, paragraph.end))
      p.appendChild(render(run, focus, describe));
    container.appendChild(p);
  }
  return container;
}

function toggles(container: HTMLElement): HTMLElement {
  const items = KINDS.map((kind) => {
    const box = h("input", { attrs: { type: "checkbox" } });
    box.checked = container.classList.contains(`show-${kind}`);
    box.addEventListener("change", () => container.classList.toggle(`show-${kind}`, box.checked));
    return h(
      "label",
      { class: `toggle hl-${kind}` },
      box,
      h("span", { class: "sample" }, t(`hl_${kind}` as Key)),
    );
  });
  return h("fieldset", { class: "toggles" }, h("legend", {}, t("highlights")), ...items);
}

export async function articleView(root: HTMLElement, id: string, focus: number | null): Promise<void> {
  const detail = await api.article(id);
  const article = detail.article;
  const text = body(detail, focus);
  const reports = detail.reports.filter((r) => r.event_id !== null);
  root.replaceChildren(
    h(
      "div",
      { class: "article-page" },
      h("a", { href: focus ? eventHref(focus) : "#/articles", class: "back" }, t("back")),
      h(
        "article",
        { class: "article", lang: article.language, dir: dirOf(article.language) },
        h(
          "h1",
          { class: "article-title", lang: article.language, dir: dirOf(article.language) },
          article.title ?? t("untitled"),
        ),
        text,
      ),
      h(
        "aside",
        { class: "metadata" },
        toggles(text),
        h(
          "dl",
          {},
          h("dt", {}, t("language")),
          h("dd", {}, languageName(article.language)),
          h("dt", {}, t("published")),
          h("dd", {}, article.published ? date(article.published) : t("unknown")),
          h("dt", {}, t("site")),
          h("dd", {}, h("bdi", { dir: "auto" }, article.source?.site ?? t("unknown"))),
          h("dt", {}, t("url")),
          h(
            "dd",
            { class: "url" },
            article.source?.url ? externalLink(article.source.url, article.source.url) : "—",
          ),
        ),
        h("h2", {}, t("events_in_article")),
        reports.length
          ? h(
              "ul",
              { class: "article-events" },
              ...reports.map((r) =>
                h(
                  "li",
                  { class: r.event_id === focus ? "current" : "" },
                  typeChip(r.type),
                  h("a", { href: eventHref(r.event_id!), class: "subtype" }, subtypeName(r.subtype)),
                ),
              ),
            )
          : h("p", {}, t("no_events_in_article")),
      ),
    ),
  );
  text.querySelector("mark.focus")?.scrollIntoView({ block: "center" });
}
