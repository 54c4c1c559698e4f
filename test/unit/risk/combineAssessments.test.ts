import { describe, expect, it } from "@jest/globals";
import { assessmentFrom, NO_RISK, type Assessment, type Reason } from "../../../src/risk/assessment.js";
import { combineAssessments } from "../../../src/risk/combineAssessments.js";

const lexiconReason: Reason = { source: "lexicon", lang: "en", category: "physical_violence", level: "high", rule: "en:physical_violence.beats", matched: ["beats", "me"], negated: false };
const rules = assessmentFrom([lexiconReason]);
const llm = (over: Partial<Assessment>): Assessment => ({ ...NO_RISK, ...over });

describe("combineAssessments: a model can only raise", () => {
  it("changes nothing when the model is absent or malformed", () => {
    for (const bad of [undefined, null, "high", 42, {}, { level: "high" }, { ...NO_RISK, level: "extreme" }, { ...NO_RISK, categories: ["aliens"] }, { ...NO_RISK, provisional: false }]) {
      expect(combineAssessments(rules, bad)).toBe(rules);
    }
  });
  it("never lowers the level, drops a category or hides a reason", () => {
    const combined = combineAssessments(rules, llm({ level: "none", categories: [] }));
    expect(combined).toMatchObject({ level: "high", escalate: true, categories: ["physical_violence"] });
    expect(combined.reasons).toEqual([lexiconReason]);
  });
  it("raises the level and adds categories, with a reason per added category", () => {
    const quiet = assessmentFrom([]);
    const combined = combineAssessments(quiet, llm({ escalate: true, urgent: true, level: "high", categories: ["self_harm"] }));
    expect(combined).toMatchObject({ provisional: true, escalate: true, urgent: true, level: "high", categories: ["self_harm"] });
    expect(combined.reasons).toEqual([{ source: "llm", category: "self_harm", level: "high", rule: "llm", matched: [], negated: false }]);
  });
  it("marks the model's own reasons as the model's", () => {
    const claimed: Reason = { ...lexiconReason, category: "self_harm", rule: "model:suicidal_ideation" };
    const combined = combineAssessments(rules, llm({ level: "high", categories: ["self_harm"], reasons: [claimed] }));
    expect(combined.categories).toEqual(["physical_violence", "self_harm"]);
    expect(combined.reasons.map((r) => `${r.source} ${r.rule}`)).toEqual(["lexicon en:physical_violence.beats", "llm model:suicidal_ideation"]);
  });
  it("keeps the rules' escalation even when their level came from elsewhere", () => {
    const dialogFlag = llm({ escalate: true, level: "medium", categories: ["unaccompanied"] });
    expect(combineAssessments(dialogFlag, llm({ level: "low" }))).toMatchObject({ escalate: true, level: "medium", categories: ["unaccompanied"] });
  });
});
