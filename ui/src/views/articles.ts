// The articles read so far, newest first, each title laid out in its own direction.
import { api, type ArticleSummary } from "../api";
import { h } from "../dom";
import { message, metaLine } from "../format";
import { date, dirOf, languageName, number, t } from "../i18n";
import { articleHref } from "../router";

const PAGE = 100;

function item(article: ArticleSummary): HTMLElement {
  const meta = [
    languageName(article.language),
    article.published ? date(article.published) : null,
    article.site,
  ];
  return h(
    "li",
    { class: "article-item" },
    h(
      "a",
      {
        class: "article-title",
        href: articleHref(article.id),
        lang: article.language,
        dir: dirOf(article.language),
      },
      article.title ?? t("untitled"),
    ),
    h("span", { class: "meta" }, metaLine([...meta, t("events_count", { n: number(article.reports) })])),
  );
}

export async function articlesView(root: HTMLElement, query: URLSearchParams): Promise<void> {
  const language = query.get("language") ?? "";
  const search = query.get("q") ?? "";
  const page = await api.articles({ language, q: search, limit: PAGE });
  const choose = h("select", { attrs: { "aria-label": t("language") } });
  for (const [value, label] of [
    ["", t("any_language")],
    ["ar", languageName("ar")],
    ["en", languageName("en")],
  ]) {
    const option = h("option", {}, label);
    option.value = value;
    choose.appendChild(option);
  }
  choose.value = language;
  const box = h("input", { attrs: { type: "search", "aria-label": t("search") } });
  box.value = search;
  box.placeholder = t("search");
  const form = h("form", { class: "filters", role: "search" }, choose, box);
  const go = () => {
    const next = new URLSearchParams();
    if (choose.value) next.set("language", choose.value);
    if (box.value.trim()) next.set("q", box.value.trim());
    location.hash = `#/articles?${next.toString()}`;
  };
  choose.addEventListener("change", go);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  root.replaceChildren(
    h(
      "section",
      { class: "articles-page" },
      h("h1", {}, t("articles")),
      form,
      h("p", { class: "summary" }, t("articles_count", { n: number(page.total) })),
      page.items.length ? h("ul", { class: "articles" }, ...page.items.map(item)) : message(t("no_articles")),
    ),
  );
}
