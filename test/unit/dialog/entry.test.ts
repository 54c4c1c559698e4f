import { describe, expect, it } from "@jest/globals";
import { dialogSet, harness, said } from "../../helpers/engine.js";

const flow = (id: string) => `
id: ${id}
version: 1
record: case
title: title
start: q
steps:
  q: { type: question, text: q, answer: { type: number }, save: age, next: done }
  done: { type: end }
`;
const catalogs = { one: { title: "Register a child", q: "Age?" }, two: { title: "Look for family", q: "Age?" } };

describe("first contact", () => {
  it("asks the language, then which flow, then starts it", () => {
    const h = harness(dialogSet(flow("one"), flow("two")), catalogs, ["en", "fr"]);
    const start = h.start(undefined, { chooseLanguage: true });
    expect(said(start)).toEqual(["common:language.choose"]);
    const menu = h.send(start.session, "1");
    const question = menu.events.find((e) => e.type === "question");
    expect(question).toMatchObject({ key: "common:menu.choose", choices: [{ id: "one", key: "one:title" }, { id: "two", key: "two:title" }] });
    const chosen = h.send(menu.session, "look for family");
    expect(said(chosen)).toEqual(["two:q"]);
    expect(chosen.session).toMatchObject({ dialog: "two", dialogVersion: 1, status: "active" });
  });

  it("gives help at the menus and asks again; a choice it cannot place is asked again", () => {
    const h = harness(dialogSet(flow("one"), flow("two")), catalogs);
    const start = h.start();
    expect(said(start)).toEqual(["common:menu.choose"]);
    expect(said(h.send(start.session, "help"))).toEqual(["common:safety.contacts", "common:menu.choose"]);
    expect(said(h.send(start.session, "7"))).toEqual(["common:invalid.not_a_choice", "common:menu.choose"]);
  });

  it("starts the only flow at once", () => {
    const h = harness(dialogSet(flow("one")), catalogs);
    expect(said(h.start())).toEqual(["one:q"]);
  });
});
