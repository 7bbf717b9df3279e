// DOM building without HTML strings: every text goes in through textContent or attributes, so article data
// (titles, bodies, names scraped from the web) can never become markup.

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  dir?: "rtl" | "ltr" | "auto";
  lang?: string;
  title?: string;
  href?: string;
  id?: string;
  role?: string;
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.dir) element.dir = props.dir;
  if (props.lang) element.lang = props.lang;
  if (props.title) element.title = props.title;
  if (props.id) element.id = props.id;
  if (props.role) element.setAttribute("role", props.role);
  if (props.href !== undefined) element.setAttribute("href", props.href);
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, handler] of Object.entries(props.on ?? {})) element.addEventListener(name, handler);
  append(element, children);
  return element;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** An article's address as a link target, or null unless it is http(s): a scraped `javascript:` URL stays text. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link that leaks nothing to the site it opens. */
export function externalLink(url: string | null | undefined, text: string): HTMLElement {
  const href = safeUrl(url);
  if (href === null) return h("span", { dir: "ltr" }, text);
  return h("a", { href, dir: "ltr", attrs: { rel: "noopener noreferrer nofollow", target: "_blank" } }, text);
}

export function clear(element: Element): void {
  element.replaceChildren();
}
