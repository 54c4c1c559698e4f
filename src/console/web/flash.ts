/**
 * One-shot messages across a redirect (POST -> 303 -> GET): the POST handler sets a code, the next
 * page shows it and clears it. Only codes are carried (never text), and only known ones are shown,
 * so a crafted cookie can display nothing but our own catalog's messages.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { clearCookie, FLASH_COOKIE, readCookies, setCookie } from "./cookies.js";

export type FlashKind = "ok" | "error";
export interface Flash {
  readonly kind: FlashKind;
  /** A catalog key under `flash.` (e.g. `claimed`, `error.ESCALATION_ALREADY_CLAIMED`). */
  readonly code: string;
}

const CODE = /^(ok|error):([a-z_.A-Z]{1,64})$/;

export function setFlash(reply: FastifyReply, flash: Flash, secure: boolean): void {
  setCookie(reply, FLASH_COOKIE, `${flash.kind}:${flash.code}`, { secure, maxAgeSeconds: 60 });
}

/** Reads and clears the flash; unknown shapes are dropped. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply, secure: boolean): Flash | undefined {
  const value = readCookies(request)[FLASH_COOKIE];
  if (value === undefined) return undefined;
  clearCookie(reply, FLASH_COOKIE, secure);
  const match = CODE.exec(value);
  return match ? { kind: match[1] === "ok" ? "ok" : "error", code: match[2] ?? "" } : undefined;
}

/** POST handlers end here: back to a page with a message (303, so the browser GETs it). */
export async function redirectWithFlash(reply: FastifyReply, to: string, flash: Flash, secure: boolean): Promise<FastifyReply> {
  setFlash(reply, flash, secure);
  return reply.code(303).redirect(to);
}
