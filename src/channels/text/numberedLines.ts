/**
 * Choices as numbered lines ("1. Food"), for when buttons cannot carry them (more than a channel
 * allows, a multiple choice, a shortened label). The engine understands the numbers typed back.
 */
import type { OutboundChoice } from "../../ports/channelPort.js";

export function numberedLines(choices: readonly OutboundChoice[]): string {
  return choices.map((choice, index) => `${index + 1}. ${choice.label}`).join("\n");
}

/** Paragraphs joined by a blank line, skipping empty ones. */
export function paragraphs(...parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part.trim() !== "").join("\n\n");
}
