import { describe, expect, it } from "@jest/globals";
import { DialogSet } from "../../../src/dialog/dialogSet.js";
import { step } from "../../../src/dialog/engine/step.js";
import { DialogSchema } from "../../../src/dialog/schema/dialogSchema.js";
import { parse } from "yaml";
import { dialogSet, harness, said, types } from "../../helpers/engine.js";

const FLOW = `
id: seek
version: 1
record: tracing_request
start: kids
steps:
  kids: { type: repeat, dialog: kid, save: sought_children, more: more, max: 2, next: photo_ok }
  photo_ok: { type: question, text: photo_ok, answer: { type: yes_no }, save: consent_for_photo, next: photo }
  photo: { type: question, text: photo, answer: { type: photo, consent_field: consent_for_photo }, save: photo, next: needs }
  needs:
    type: question
    text: needs
    answer: { type: multi_choice, choices: [ { id: food, text: food }, { id: water, text: water }, { id: medical, text: medical } ] }
    save: urgent_needs
    next: only_young
  only_young: { type: message, text: young, only_if: { sought_children: { exists: true } }, next: done }
  done: { type: end }
`;
const KID = `
id: kid
version: 1
kind: module
start: name
risk: [ { id: baby, when: { age: { lt: 2 } }, category: unaccompanied, level: high } ]
steps:
  name: { type: question, text: name, answer: { type: text }, save: name_first, next: age }
  age: { type: question, text: age, answer: { type: number, min: 0, max: 25 }, save: age, next: done }
  done: { type: end }
`;
const catalogs = {
  seek: { more: "Another?", photo_ok: "Photo?", photo: "Send it", needs: "Needs?", food: "Food", water: "Water", medical: "Sick or hurt", young: "Young" },
  kid: { name: "Name?", age: "Age?" },
};

describe("repeats, modules and gating", () => {
  it("collects several items into a list, each item in its own scope, with per-item risk flags", () => {
    const h = harness(dialogSet(FLOW, KID), catalogs);
    let s = h.start("seek").session;
    s = h.send(s, "Amina").session;
    let r = h.send(s, "1");
    expect(r.events.find((e) => e.type === "risk_flagged")).toMatchObject({ rule: "kid.baby@sought_children[0]" });
    expect(said(r)).toEqual(["seek:more"]);
    s = h.send(r.session, "yes").session;
    s = h.send(s, "Yusuf").session;
    r = h.send(s, "1");
    expect(r.events.find((e) => e.type === "risk_flagged")).toMatchObject({ rule: "kid.baby@sought_children[1]" });
    expect(r.session.record["sought_children"]).toEqual([
      { name_first: "Amina", age: 1 },
      { name_first: "Yusuf", age: 1 },
    ]);
    // At the maximum, "yes" is answered kindly and the dialog moves on.
    r = h.send(r.session, "yes");
    expect(said(r)).toEqual(["common:repeat.limit", "seek:photo_ok"]);
  });

  it("asks for a photo only with consent, and reads several choices at once", () => {
    const h = harness(dialogSet(FLOW, KID), catalogs);
    let s = h.start("seek").session;
    for (const answer of ["A", "3", "no"]) s = h.send(s, answer).session;
    const noPhoto = h.send(s, "no");
    expect(said(noPhoto)).toEqual(["seek:needs"]);
    const needs = h.send(noPhoto.session, "1 and sick");
    expect(needs.session.record["urgent_needs"]).toEqual(["food", "medical"]);
    expect(said(needs)).toEqual(["seek:young"]);
    const withPhoto = h.send(s, "yes");
    expect(said(withPhoto)).toEqual(["seek:photo"]);
    const sent = h.send(withPhoto.session, { type: "photo", ref: "media-1" });
    expect(sent.session.record["photo"]).toEqual({ ref: "media-1" });
  });

  it("keeps a live conversation on the dialog version it started with", () => {
    const v1 = DialogSchema.parse(parse(KID.replace("kind: module", "kind: flow\nrecord: case")));
    const v2 = DialogSchema.parse(parse(KID.replace("kind: module", "kind: flow\nrecord: case").replace("version: 1", "version: 2").replace("text: name", "text: name2")));
    const h = harness(new DialogSet([v1]), catalogs);
    const s = h.start("kid").session;
    const both = new DialogSet([v1, v2]);
    const r = step(both, s, { type: "text", text: "Amina" }, h.env());
    expect(r.session.dialogVersion).toBe(1);
    expect(r.session.stack[0]).toMatchObject({ version: 1, step: "age" });
  });

  it("migrates explicitly when the old version is gone, or starts again politely", () => {
    const v1 = DialogSchema.parse(parse(KID.replace("kind: module", "kind: flow\nrecord: case")));
    const h = harness(new DialogSet([v1]), catalogs);
    const s = h.send(h.start("kid").session, "Amina").session; // now at "age"
    const renamed = KID.replace("kind: module", "kind: flow\nrecord: case").replace("version: 1", "version: 2").replace(/ {2}age:/, "  how_old:").replace("next: age", "next: how_old");
    const mapped = DialogSchema.parse(parse(`${renamed}\nmigrations: { "1": { age: how_old } }`));
    const migrated = step(new DialogSet([mapped]), s, { type: "text", text: "7" }, h.env());
    expect(migrated.session).toMatchObject({ dialogVersion: 2, record: { name_first: "Amina", age: 7 } });
    const unmapped = DialogSchema.parse(parse(renamed));
    const restarted = step(new DialogSet([unmapped]), s, { type: "text", text: "7" }, h.env());
    expect(said(restarted)).toEqual(["common:migrated.restart", "kid:name"]);
    expect(restarted.session.record).toEqual({});
  });

  it("waits for a person after a handoff without next, and still answers the help command", () => {
    const h = harness(
      dialogSet(`
id: wait
version: 1
record: case
start: ask
steps:
  ask: { type: handoff, text: ask, reason: immediate_danger }
  done: { type: end }
`),
      { wait: { ask: "A person will come" } },
    );
    const r = h.start("wait");
    expect(types(r)).toEqual(["session_status_changed", "message", "handoff_requested", "session_status_changed"]);
    expect(r.session.status).toBe("waiting");
    expect(said(h.send(r.session, "hello?"))).toEqual(["common:person.waiting"]);
    expect(said(h.send(r.session, "help"))).toEqual(["common:safety.contacts"]);
  });
});
