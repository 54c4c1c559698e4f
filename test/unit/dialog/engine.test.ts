import { describe, expect, it } from "@jest/globals";
import { parseShortRef } from "../../../src/domain/shortRef.js";
import { checkTimers } from "../../../src/dialog/engine/step.js";
import type { DialogEvent } from "../../../src/dialog/events/index.js";
import { dialogSet, harness, said, types } from "../../helpers/engine.js";

const DEMO = `
id: demo
version: 1
record: case
start: hello
risk:
  - id: young_alone
    when: { all: [ { age: { lt: 5 } }, { protection_status: unaccompanied } ] }
    category: unaccompanied
    level: high
steps:
  hello: { type: message, text: hello, next: age }
  age:
    type: question
    text: age
    answer: { type: number, min: 0, max: 17 }
    save: age
    save_estimated: age_estimated
    next: status
  status:
    type: question
    text: status
    answer: { type: choice, choices: [ { id: with_caregiver, text: c.with }, { id: unaccompanied, text: c.alone } ] }
    save: protection_status
    next: safe
  safe:
    type: question
    text: safe
    answer: { type: yes_no }
    save: feels_safe_now
    risk: [ { id: danger, when: { feels_safe_now: false }, category: immediate_danger, level: high } ]
    next: name
  name: { type: question, text: name, answer: { type: text, max_length: 20 }, required: true, save: name_first, next: done }
  done: { type: end, text: done }
`;
const SAFETY = `
id: safety
version: 1
kind: module
start: what_next
steps:
  what_next:
    type: question
    text: what_next
    answer: { type: choice, choices: [ { id: continue, text: go }, { id: person, text: person } ] }
    required: true
    save: _next
    next: [ { when: { _next: person }, goto: person }, { goto: back } ]
  person: { type: handoff, text: coming, reason: user_request, next: back }
  back: { type: end }
`;
const catalogs = {
  demo: { hello: "Hello", age: "How old?", status: "With whom?", c: { with: "Parent", alone: "Nobody" }, safe: "Safe now?", name: "Name?", done: "Done {{ref}}" },
  safety: { what_next: "What next?", go: "Go on", person: "A person", coming: "Coming" },
};

function setup(languages = ["en"]) {
  return harness(dialogSet(DEMO, SAFETY), catalogs, languages);
}

function answered(events: readonly DialogEvent[]) {
  return events.flatMap((e) => (e.type === "answer_saved" ? [[e.field, e.value, e.status]] : []));
}

describe("the dialog engine", () => {
  it("starts with the messages up to the first question", () => {
    const h = setup();
    const r = h.start("demo");
    expect(types(r)).toEqual(["session_status_changed", "message", "question"]);
    expect(said(r)).toEqual(["demo:hello", "demo:age"]);
    expect(r.session.status).toBe("active");
  });

  it("never modifies the session it is given", () => {
    const h = setup();
    const first = h.start("demo").session;
    const copy = structuredClone(first);
    h.send(first, "7");
    h.send(first, "help");
    expect(first).toEqual(copy);
  });

  it("saves approximate numbers with their estimated flag, in any digit script", () => {
    const h = setup();
    const r = h.send(h.start("demo").session, "about ٧");
    expect(answered(r.events)).toEqual([["age", 7, "answered"]]);
    expect(r.session.record).toMatchObject({ age: 7, age_estimated: true });
    const exact = h.send(h.start("demo").session, "7");
    expect(exact.session.record).toMatchObject({ age: 7, age_estimated: false });
  });

  it("re-prompts in plain words, then moves on without trapping the person", () => {
    const h = setup();
    let s = h.start("demo").session;
    const first = h.send(s, "twenty five");
    expect(first.events[0]).toMatchObject({ type: "answer_rejected", reason: "out_of_range", attempt: 1, gaveUp: false });
    expect(first.events[1]).toMatchObject({ type: "message", key: "common:invalid.out_of_range", params: { min: 0, max: 17 } });
    expect(said(first)).toContain("demo:age");
    s = first.session;
    s = h.send(s, "banana").session;
    const third = h.send(s, "banana");
    expect(third.events[0]).toMatchObject({ type: "answer_rejected", gaveUp: true });
    expect(answered(third.events)).toEqual([["age", null, "not_understood"]]);
    expect(said(third)).toEqual(["common:invalid.moving_on", "demo:status"]);
  });

  it("accepts skip and I don't know unless the question is required", () => {
    const h = setup();
    const r = h.send(h.start("demo").session, "I don't know");
    expect(answered(r.events)).toEqual([["age", null, "dont_know"]]);
    expect(r.session.answerStatus).toEqual({ age: "dont_know" });
  });

  it("offers a person when a required answer cannot be understood", () => {
    const h = setup();
    let s = h.start("demo").session;
    for (const answer of ["7", "1", "yes"]) s = h.send(s, answer).session;
    s = h.send(s, "skip").session;
    s = h.send(s, "skip").session;
    const r = h.send(s, "skip");
    expect(types(r)).toContain("handoff_requested");
    expect(said(r)).toEqual(["common:invalid.offer_person", "demo:name"]);
    expect(r.events.find((e) => e.type === "handoff_requested")).toMatchObject({ reason: "not_understood" });
  });

  it("raises a combined risk flag once, with its rule", () => {
    const h = setup();
    let s = h.send(h.start("demo").session, "3").session;
    const r = h.send(s, "Nobody");
    const flags = r.events.filter((e) => e.type === "risk_flagged");
    expect(flags).toEqual([
      { type: "risk_flagged", rule: "demo.young_alone", category: "unaccompanied", level: "high", dialog: "demo", step: "status" },
    ]);
    s = h.send(r.session, "back").session;
    expect(s.flags).toHaveLength(1); // going back never erases a flag
    const again = h.send(s, "2");
    expect(again.events.filter((e) => e.type === "risk_flagged")).toEqual([]);
  });

  it("gives help contacts first when someone is in danger, before any further question", () => {
    const h = setup();
    let s = h.start("demo").session;
    s = h.send(s, "12").session;
    s = h.send(s, "1").session;
    const r = h.send(s, "no");
    expect(types(r)).toEqual(["answer_saved", "risk_flagged", "help_shown", "message", "question"]);
    expect(r.events[3]).toMatchObject({ type: "message", key: "common:safety.contacts", urgent: true });
    expect(h.render(r.events[3] as DialogEvent)).toContain("116 111");
  });

  it("shows help contacts on the help command, then the safety module, then the same question", () => {
    const h = setup();
    const s = h.send(h.start("demo").session, "7").session;
    const help = h.send(s, "HELP!");
    expect(said(help)).toEqual(["common:safety.contacts", "safety:what_next"]);
    const person = h.send(help.session, "2");
    expect(types(person)).toEqual(["answer_saved", "message", "handoff_requested", "question"]);
    expect(said(person)).toEqual(["safety:coming", "demo:status"]);
    expect(person.session.record).toEqual({ age: 7, age_estimated: false });
  });

  it("goes back one question and forgets that answer", () => {
    const h = setup();
    const s = h.send(h.start("demo").session, "7").session;
    const back = h.send(s, "back");
    expect(said(back)).toEqual(["demo:age"]);
    expect(back.session.record).toEqual({});
    const atStart = h.send(back.session, "back");
    expect(said(atStart)).toEqual(["common:back.at_start", "demo:age"]);
  });

  it("restarts and stops only after confirmation; stop erases everything", () => {
    const h = setup();
    const s = h.send(h.start("demo").session, "7").session;
    const ask = h.send(s, "restart");
    expect(said(ask)).toEqual(["common:confirm.restart"]);
    const cancelled = h.send(ask.session, "no");
    expect(said(cancelled)).toEqual(["common:confirm.cancelled", "demo:status"]);
    expect(cancelled.session.record).toMatchObject({ age: 7 });
    const restarted = h.send(h.send(s, "restart").session, "yes");
    expect(said(restarted)).toEqual(["demo:hello", "demo:age"]);
    expect(restarted.session.record).toEqual({});
    const stopped = h.send(h.send(s, "/stop").session, "yes");
    expect(types(stopped)).toEqual(["erasure_requested", "session_status_changed", "message"]);
    expect(stopped.session).toMatchObject({ status: "ended", record: {}, flags: [], history: [] });
  });

  it("pauses and resumes without taking the next message as an answer", () => {
    const h = setup();
    const paused = h.send(h.start("demo").session, "pause");
    expect(paused.session.status).toBe("paused");
    const resumed = h.send(paused.session, "5");
    expect(said(resumed)).toEqual(["common:pause.welcome_back", "demo:age"]);
    expect(resumed.session.record).toEqual({});
  });

  it("changes language at any step and keeps the answers", () => {
    const h = setup(["en", "fr", "ar"]);
    const s = h.send(h.start("demo").session, "7").session;
    const menu = h.send(s, "language");
    const question = menu.events[0];
    expect(question).toMatchObject({ type: "question", input: "language" });
    expect(question?.type === "question" && question.choices.map((c) => c.id)).toEqual(["en", "fr", "ar"]);
    const changed = h.send(menu.session, "3");
    expect(changed.events[0]).toEqual({ type: "language_changed", from: "en", to: "ar" });
    expect(changed.session).toMatchObject({ lang: "ar", record: { age: 7 } });
    expect(said(changed)).toEqual(["demo:status"]);
  });

  it("asks for a language first at first contact, suggesting the hinted one", () => {
    const h = setup(["en", "fr"]);
    const r = h.start("demo", { lang: "fr", chooseLanguage: true });
    const menu = r.events[1];
    expect(menu?.type === "question" && menu.choices.map((c) => c.id)).toEqual(["fr", "en"]);
    const chosen = h.send(r.session, { type: "choice", id: "en" });
    expect(chosen.session.lang).toBe("en");
    expect(said(chosen)).toEqual(["demo:hello", "demo:age"]);
  });

  it("asks for a person on request and keeps the dialog going", () => {
    const h = setup();
    const r = h.send(h.start("demo").session, "talk to a person");
    expect(r.events[0]).toMatchObject({ type: "handoff_requested", reason: "user_request", step: "age" });
    expect(said(r)).toEqual(["common:person.requested", "demo:age"]);
  });

  it("completes a record with a checked short reference", () => {
    const h = setup();
    let s = h.start("demo").session;
    for (const answer of ["7", "Parent", "yes"]) s = h.send(s, answer).session;
    const done = h.send(s, "  Amina\u200F  ");
    const record = done.events.find((e) => e.type === "record_completed");
    expect(record).toMatchObject({
      recordType: "case",
      recordId: "00000000-0000-4000-8000-000000000001",
      fields: { age: 7, protection_status: "with_caregiver", feels_safe_now: true, name_first: "Amina", language: "en" },
    });
    const ref = record?.type === "record_completed" ? record.shortRef : "";
    expect(parseShortRef(ref.toLowerCase())).toBe(ref);
    expect(done.events.find((e) => e.type === "message")).toMatchObject({ key: "demo:done", params: { ref } });
    expect(done.session.status).toBe("completed");
  });

  it("reminds after a pause in answering, and expires after a long silence", () => {
    const h = setup();
    const s = h.start("demo").session;
    h.tick(29 * 60_000);
    expect(checkTimers(h.set, s, h.env()).events).toEqual([]);
    h.tick(2 * 60_000);
    const reminded = checkTimers(h.set, s, h.env());
    expect(types(reminded)).toEqual(["reminder_due", "message"]);
    expect(checkTimers(h.set, reminded.session, h.env()).events).toEqual([]);
    h.tick(7 * 86_400_000);
    const expired = checkTimers(h.set, reminded.session, h.env());
    expect(expired.session.status).toBe("expired");
  });
});
