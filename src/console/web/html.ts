/**
 * Type-safe HTML templates without a template engine: `html\`<p>${value}</p>\`` escapes every
 * interpolation unless it is already `Html` (another template, or `raw()` for a trusted fragment).
 * Pages are plain functions of typed data, so the compiler checks what a view reads, and forgetting
 * to escape is impossible by construction (an engine like eta escapes `<%=` but not `<%~`, and its
 * templates are untyped strings).
 *
 *   html`<a href="${url}">${name}</a>`            // url and name escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   // arrays are joined
 *   raw(trustedSvg)                               // explicitly unescaped
 */

/** A fragment that is already safe HTML. Only `html` and `raw` make one. */
export class Html {
  private constructor(readonly value: string) {}
  /** @internal the only way in; use `html` or `raw`. */
  static of(value: string): Html {
    return new Html(value);
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** What may be interpolated: text and numbers are escaped, Html is kept, null/undefined/false vanish. */
export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return Html.of(out);
}

/** Marks a trusted, constant fragment as HTML. Never pass anything that came from a request or the store. */
export function raw(trusted: string): Html {
  return Html.of(trusted);
}
