// Marsad's web UI: a header with the interface language switch, and one view per route.
import { ApiError } from "./api";
import { h } from "./dom";
import { applyToDocument, lang, setLang, t } from "./i18n";
import { message } from "./format";
import { parse } from "./router";
import "./style.css";
import { articleView } from "./views/article";
import { articlesView } from "./views/articles";
import { eventView } from "./views/event";
import { homeView } from "./views/home";

const app = document.getElementById("app") as HTMLElement;
let cleanup: (() => void) | null = null;

function header(): HTMLElement {
  const other = lang() === "ar" ? "en" : "ar";
  const switcher = h(
    "button",
    { class: "lang-switch", lang: other, dir: other === "ar" ? "rtl" : "ltr", attrs: { type: "button" } },
    other === "ar" ? "العربية" : "English",
  );
  switcher.addEventListener("click", () => {
    setLang(other);
    void show();
  });
  return h(
    "header",
    { class: "bar" },
    h("a", { class: "brand", href: "#/" }, t("brand")),
    h("span", { class: "tagline" }, t("tagline")),
    h(
      "nav",
      {},
      h("a", { href: "#/", class: "nav-map" }, t("nav_map")),
      h("a", { href: "#/articles", class: "nav-articles" }, t("nav_articles")),
    ),
    switcher,
  );
}

async function show(): Promise<void> {
  cleanup?.();
  cleanup = null;
  document.body.dataset.ready = "false";
  applyToDocument();
  const main = h("main", { attrs: { "aria-busy": "true" } }, message(t("loading"), "loading"));
  app.replaceChildren(header(), main);
  const route = parse(location.hash);
  try {
    if (route.view === "event") await eventView(main, route.id);
    else if (route.view === "article") await articleView(main, route.id, route.event);
    else if (route.view === "articles") await articlesView(main, route.query);
    else cleanup = await homeView(main, route.query);
  } catch (error) {
    const text =
      error instanceof ApiError && error.status === 404
        ? t("not_found")
        : t("error", { message: String(error instanceof Error ? error.message : error) });
    main.replaceChildren(message(text, "error"));
  }
  main.setAttribute("aria-busy", "false");
  document.body.dataset.view = route.view;
  document.body.dataset.ready = "true";
}

window.addEventListener("hashchange", () => void show());
void show();
