// One event: what, when, where and who; every source's figures side by side with who gave them and where
// they disagree; the claims behind them; and each article's report, linking to its highlighted text.
import { api, type Claim, type Comparison, type EventDetail, type Figure, type Report } from "../api";
import { h } from "../dom";
import { actorsLine, dateLabel, metaLine, placeLabel, toll, typeChip } from "../format";
import {
  date,
  dirOf,
  kindName,
  languageName,
  number,
  qualifierName,
  speakerKind,
  subtypeName,
  t,
} from "../i18n";
import { articleHref } from "../router";

function num(value: number | null): string {
  return value === null ? "—" : number(value);
}

function quote(text: string, language: string): HTMLElement {
  return h("q", { lang: language, dir: dirOf(language) }, text);
}

function languageOf(event: EventDetail): Map<string, string> {
  return new Map(event.reports.map((r) => [r.article.id, r.article.language]));
}

function figureRow(figure: Figure, language: string, titles: Map<string, string | null>): HTMLElement {
  return h(
    "tr",
    { class: "figure-row", attrs: { "data-figure": String(figure.id) } },
    h(
      "td",
      {},
      figure.claimant ? h("bdi", { lang: language, dir: dirOf(language) }, figure.claimant.text) : "—",
    ),
    h("td", {}, kindName(figure.kind)),
    h("td", {}, figure.victims ? h("bdi", { dir: "auto" }, figure.victims) : "—"),
    h("td", { class: "n" }, num(figure.low)),
    h("td", { class: "n best" }, num(figure.count)),
    h("td", { class: "n" }, num(figure.high)),
    h("td", {}, qualifierName(figure.qualifier)),
    h(
      "td",
      {},
      h(
        "a",
        { href: articleHref(figure.article_id), lang: language, dir: dirOf(language) },
        titles.get(figure.article_id) ?? t("untitled"),
      ),
    ),
  );
}

function comparisonBlock(group: Comparison, event: EventDetail, languages: Map<string, string>): HTMLElement {
  const titles = new Map(event.reports.map((r) => [r.article.id, r.article.title]));
  const figures = event.figures.filter((f) => group.figures.includes(f.id));
  const range =
    group.low === group.high
      ? number(group.low)
      : t("fatalities_range", { low: number(group.low), high: number(group.high) });
  const badge = group.disagree
    ? h("span", { class: "badge disagree" }, t("sources_disagree"))
    : h("span", { class: "badge agree" }, t("sources_agree"));
  const head = ["claimant", "kind", "victims", "low", "count", "high", "qualifier", "source"] as const;
  return h(
    "div",
    { class: `comparison${group.disagree ? " disagree" : ""}` },
    h(
      "h3",
      {},
      kindName(group.kind),
      group.victims ? [" · ", h("bdi", { dir: "auto" }, group.victims)] : null,
      `: ${range} `,
      badge,
    ),
    h(
      "table",
      { class: "figures" },
      h("thead", {}, h("tr", {}, ...head.map((key) => h("th", { attrs: { scope: "col" } }, t(key))))),
      h("tbody", {}, ...figures.map((f) => figureRow(f, languages.get(f.article_id) ?? "", titles))),
    ),
  );
}

function claimCard(claim: Claim, language: string): HTMLElement {
  return h(
    "li",
    { class: "claim" },
    h(
      "div",
      { class: "speaker" },
      h("bdi", { lang: language, dir: dirOf(language) }, claim.speaker.text),
      claim.speaker.kind ? h("span", { class: "kind" }, ` (${speakerKind(claim.speaker.kind)})`) : null,
      " ",
      h("span", { class: "verb" }, claim.negated ? t("negated") : t("says")),
    ),
    h("blockquote", { lang: language, dir: dirOf(language) }, claim.content.text),
    h("a", { href: articleHref(claim.article_id), class: "source" }, t("open_article")),
  );
}

function reportCard(report: Report, eventId: number): HTMLElement {
  const article = report.article;
  return h(
    "li",
    { class: "report" },
    h(
      "h3",
      {},
      h(
        "a",
        {
          href: articleHref(article.id, eventId),
          lang: article.language,
          dir: dirOf(article.language),
          class: "article-title",
        },
        article.title ?? t("untitled"),
      ),
    ),
    h(
      "p",
      { class: "meta" },
      metaLine([
        article.site,
        article.published ? date(article.published) : null,
        languageName(article.language),
      ]),
    ),
    h("p", {}, `${t("fatalities")}: `, toll(report.fatalities)),
    h(
      "ul",
      { class: "evidence" },
      ...report.evidence.map((span) => h("li", {}, quote(span.text, article.language))),
    ),
  );
}

export async function eventView(root: HTMLElement, id: number): Promise<void> {
  const event = await api.event(id);
  const languages = languageOf(event);
  const disputed = event.disputed || event.comparison.some((c) => c.disagree);
  root.replaceChildren(
    h(
      "article",
      { class: "event-page" },
      h("a", { href: "#/", class: "back" }, t("back_to_map")),
      h("h1", {}, typeChip(event.type), " ", subtypeName(event.subtype)),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("date")),
        h("dd", {}, dateLabel(event)),
        h("dt", {}, t("location")),
        h("dd", {}, placeLabel(event)),
        h("dt", {}, t("actors")),
        h("dd", {}, actorsLine(event) ?? t("unknown")),
        h("dt", {}, t("fatalities")),
        h(
          "dd",
          { class: "toll" },
          toll(event.fatalities),
          " ",
          event.comparison.length
            ? h(
                "span",
                { class: `badge ${disputed ? "disagree" : "agree"}` },
                disputed ? t("sources_disagree") : t("sources_agree"),
              )
            : null,
        ),
        h("dt", {}, t("reports")),
        h(
          "dd",
          {},
          t("reported_by", {
            n: number(event.report_count),
            langs: event.languages.map(languageName).join(t("list_separator")),
          }),
        ),
        event.historical ? h("dd", { class: "historical" }, t("historical")) : null,
      ),
      h(
        "section",
        { class: "figures-section" },
        h("h2", {}, t("figures")),
        ...(event.comparison.length
          ? event.comparison.map((c) => comparisonBlock(c, event, languages))
          : [h("p", {}, t("no_figures"))]),
      ),
      h(
        "section",
        { class: "claims-section" },
        h("h2", {}, t("claims")),
        event.claims.length
          ? h(
              "ul",
              { class: "claims" },
              ...event.claims.map((c) => claimCard(c, languages.get(c.article_id) ?? "")),
            )
          : h("p", {}, t("no_claims")),
      ),
      h(
        "section",
        { class: "reports-section" },
        h("h2", {}, t("reports")),
        h("ul", { class: "reports" }, ...event.reports.map((r) => reportCard(r, event.id))),
      ),
    ),
  );
}
