/**
 * Just enough XML for XLIFF: elements, attributes, text, CDATA, comments, the five predefined
 * entities and character references. No DTDs and no external entities are ever resolved, so a file
 * from outside cannot make kinlink read anything else.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

export class XmlError extends Error {}

const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string, line: () => number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`line ${line()}: a bare "&" (write &amp;)`);
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    if (named === undefined) throw new XmlError(`line ${line()}: unknown entity ${whole}`);
    return named;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface Open {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export function parseXml(text: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const line = (): number => text.slice(0, i).split("\n").length;
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  const skipTo = (end: string): void => {
    const at = text.indexOf(end, i);
    if (at < 0) throw new XmlError(`line ${line()}: "${end}" never comes`);
    i = at + end.length;
  };
  while (i < text.length) {
    const top = stack[stack.length - 1];
    if (text.startsWith("<!--", i)) skipTo("-->");
    else if (text.startsWith("<?", i)) skipTo("?>");
    else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i);
      if (end < 0 || !top) throw new XmlError(`line ${line()}: CDATA outside an element or never closed`);
      top.children.push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith("<!", i)) {
      if (/^<!DOCTYPE[^>]*\[/i.test(text.slice(i, i + 200))) throw new XmlError(`line ${line()}: a DOCTYPE with declarations is not accepted`);
      skipTo(">");
    } else if (text.startsWith("</", i)) {
      const match = /^<\/([^\s>]+)\s*>/.exec(text.slice(i));
      const open = stack.pop();
      if (!match || !open || open.name !== match[1]) throw new XmlError(`line ${line()}: closing tag does not match <${open?.name ?? "?"}>`);
      i += match[0].length;
      const element: XmlElement = { name: open.name, attributes: open.attributes, children: open.children };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
    } else if (text[i] === "<") {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i));
      if (!match || match[1] === undefined) throw new XmlError(`line ${line()}: malformed tag`);
      const attributes: Record<string, string> = {};
      for (const a of (match[2] ?? "").matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1]) attributes[a[1]] = decode(a[2] ?? a[3] ?? "", line);
      }
      i += match[0].length;
      const open: Open = { name: match[1], attributes, children: [] };
      if (match[3] === "/") {
        const element: XmlElement = { name: open.name, attributes, children: [] };
        if (top) top.children.push(element);
        else root = element;
      } else stack.push(open);
    } else {
      const next = text.indexOf("<", i);
      const raw = text.slice(i, next < 0 ? text.length : next);
      if (top) top.children.push(decode(raw, line));
      else if (raw.trim() !== "") throw new XmlError(`line ${line()}: text outside the root element`);
      i = next < 0 ? text.length : next;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]?.name ?? "?"}> is never closed`);
  if (!root) throw new XmlError("no root element");
  return root;
}

/** The element's children with a given local name (namespace prefixes ignored). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.name.replace(/^.*:/, "") === name);
}
