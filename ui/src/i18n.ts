// The interface's words in Arabic and English (locales/*.json), the chosen interface language, and the
// direction of every piece of text: interface strings follow the interface, data follows its own language.
import ar from "./locales/ar.json";
import en from "./locales/en.json";

export type Lang = "ar" | "en";
type Table = typeof en;
export type Key = keyof Table["ui"];

const TABLES: Record<Lang, Table> = { en, ar };
const STORAGE_KEY = "marsad.lang";
const RTL = new Set(["ar", "fa", "ur", "he", "ps", "ckb"]);

function initial(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "ar" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("ar") ? "ar" : "en";
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyToDocument();
}

export function applyToDocument(): void {
  document.documentElement.lang = current;
  document.documentElement.dir = dirOf(current);
  document.title = `${t("brand")} · ${current === "ar" ? "Marsad" : "مرصد"}`;
}

/** The interface string ``key``, with ``{name}`` placeholders filled. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text = TABLES[current].ui[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

/** ``rtl`` for right-to-left languages, so each text is laid out as it is read. */
export function dirOf(language: string | null | undefined): "rtl" | "ltr" | "auto" {
  if (!language) return "auto";
  return RTL.has(language) ? "rtl" : "ltr";
}

function humanise(key: string): string {
  return key.replace(/_/g, " ");
}

export function typeName(type: string): string {
  return (TABLES[current].types as Record<string, string>)[type] ?? humanise(type);
}

export function subtypeName(subtype: string): string {
  return (TABLES[current].subtypes as Record<string, string>)[subtype] ?? humanise(subtype);
}

export function kindName(kind: string): string {
  return (TABLES[current].kinds as Record<string, string>)[kind] ?? humanise(kind);
}

export function speakerKind(kind: string): string {
  return (TABLES[current].speakers as Record<string, string>)[kind] ?? humanise(kind);
}

export function qualifierName(qualifier: string): string {
  return (TABLES[current].qualifiers as Record<string, string>)[qualifier] ?? humanise(qualifier);
}

export function languageName(code: string): string {
  return (TABLES[current].languages as Record<string, string>)[code] ?? code;
}

export const EVENT_TYPES = Object.keys(en.types);

export function countryName(code: string | null | undefined): string {
  if (!code) return t("unknown");
  try {
    return new Intl.DisplayNames([current], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const LOCALES: Record<Lang, string> = { ar: "ar-u-nu-latn", en: "en" };

export function number(value: number): string {
  return new Intl.NumberFormat(LOCALES[current]).format(value);
}

/** A calendar date (``YYYY-MM-DD``) in the interface language, with Western digits as the news uses. */
export function date(iso: string | null | undefined): string {
  if (!iso) return t("date_unknown");
  const [year, month, day] = iso.split("-").map(Number);
  const value = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: "medium", timeZone: "UTC" }).format(value);
}

/** A name in the interface language when the data has it, else as found. */
export function localName(item: { name: string; name_ar?: string | null }): {
  text: string;
  lang: string | null;
} {
  if (current === "ar" && item.name_ar) return { text: item.name_ar, lang: "ar" };
  return { text: item.name, lang: null };
}
