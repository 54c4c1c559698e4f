/**
 * Lays out channel-neutral content as WhatsApp messages, within the Cloud API's limits in every
 * language (counted in UTF-16 units, as whatsapp-api-js checks them):
 *   up to 3 single choices → reply buttons (titles ≤ 20; a shortened title keeps the full label in the
 *   body as a numbered line); 4–10 → a list (row titles ≤ 24, the full label as the row's description
 *   ≤ 72); more, or a multiple choice → numbered lines the person answers by typing ("1, 3");
 *   a location question → a location request message. Interactive bodies are ≤ 1024: a longer text
 *   goes first as plain messages (≤ 4096 each).
 */
import type { ClientMessage } from "whatsapp-api-js/types";
import { ActionButtons, ActionList, ActionLocation, Body, Button, Interactive, ListSection, Row, Text } from "whatsapp-api-js/messages";
import type { OutboundChoice, OutboundContent } from "../../ports/channelPort.js";
import { fitText } from "../text/fitText.js";
import { numberedLines, paragraphs } from "../text/numberedLines.js";
import { splitText } from "../text/splitText.js";

export const WHATSAPP_LIMITS = { text: 4096, body: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20 } as const;

/** Plain messages for all but the end of `body`, and the end (≤ 1024) for the interactive message. */
function withBody(body: string, interactive: (body: Body) => Interactive): ClientMessage[] {
  const parts = splitText(body === "" ? "…" : body, WHATSAPP_LIMITS.body);
  const last = parts.pop() ?? "…";
  const lead = parts.length > 0 ? splitText(parts.join("\n\n"), WHATSAPP_LIMITS.text).map((part) => new Text(part)) : [];
  return [...lead, interactive(new Body(last))];
}

/** whatsapp-api-js types its buttons and rows as non-empty tuples. */
function nonEmpty<T>(items: readonly T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error("no choices");
  return [first, ...rest];
}

function buttonTitles(choices: readonly OutboundChoice[]): { titles: string[]; shortened: boolean } {
  const titles = choices.map((c) => fitText(c.label, WHATSAPP_LIMITS.buttonTitle));
  const shortened = titles.some((title, i) => title !== choices[i]?.label);
  // WhatsApp refuses two buttons with the same title; shortening can make two equal, numbers cannot.
  if (new Set(titles).size === titles.length) return { titles, shortened };
  return { titles: choices.map((c, i) => fitText(`${i + 1}. ${c.label}`, WHATSAPP_LIMITS.buttonTitle)), shortened: true };
}

function buttons(content: OutboundContent): ClientMessage[] {
  const { titles, shortened } = buttonTitles(content.choices);
  const action = new ActionButtons(...nonEmpty(content.choices.map((c, i) => new Button(c.id, titles[i] ?? c.id))));
  const body = paragraphs(content.text, shortened ? numberedLines(content.choices) : undefined, content.hint);
  return withBody(body, (b) => new Interactive(action, b));
}

function list(content: OutboundContent, listButtonText: string): ClientMessage[] {
  const rows = content.choices.map((c) => {
    const title = fitText(c.label, WHATSAPP_LIMITS.rowTitle);
    return new Row(c.id, title, title === c.label ? undefined : fitText(c.label, WHATSAPP_LIMITS.rowDescription));
  });
  const action = new ActionList(fitText(listButtonText, WHATSAPP_LIMITS.listButton), new ListSection(undefined, ...nonEmpty(rows)));
  return withBody(paragraphs(content.text, content.hint), (b) => new Interactive(action, b));
}

function numbered(content: OutboundContent): ClientMessage[] {
  const lines = content.choices.length > 0 ? numberedLines(content.choices) : undefined;
  const text = paragraphs(content.text, lines, content.hint);
  return splitText(text === "" ? "…" : text, WHATSAPP_LIMITS.text).map((part) => new Text(part));
}

function interactive(content: OutboundContent, listButtonText: string): ClientMessage[] | undefined {
  const count = content.choices.length;
  if (content.input === "location") {
    const lines = count > 0 ? numberedLines(content.choices) : undefined;
    return withBody(paragraphs(content.text, lines, content.hint), (b) => new Interactive(new ActionLocation(), b));
  }
  if (count === 0 || content.multiple) return undefined;
  if (count <= WHATSAPP_LIMITS.buttons) return buttons(content);
  if (count <= WHATSAPP_LIMITS.rows) return list(content, listButtonText);
  return undefined;
}

export function whatsappMessages(content: OutboundContent, listButtonText: string): ClientMessage[] {
  try {
    return interactive(content, listButtonText) ?? numbered(content);
  } catch {
    // whatsapp-api-js refused the interactive message (an id with spaces at its ends, two equal ids):
    // numbered lines always work, and the engine understands the number typed back.
    return numbered(content);
  }
}
