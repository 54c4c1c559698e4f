import { describe, expect, it } from "@jest/globals";
import { canChangeEscalationStatus, compareQueueOrder, escalationPriority, slaDueAt, type Escalation } from "../../../src/domain/escalation.js";

describe("escalation rules", () => {
  it("ranks by level, urgent categories first within a level", () => {
    expect(escalationPriority("high", [])).toBeGreaterThan(escalationPriority("medium", ["self_harm"]));
    expect(escalationPriority("high", ["immediate_danger"])).toBeGreaterThan(escalationPriority("high", ["trafficking"]));
    expect(escalationPriority("none", [])).toBe(0);
  });

  it("allows only the lifecycle's moves", () => {
    expect(canChangeEscalationStatus("pending", "claimed")).toBe(true);
    expect(canChangeEscalationStatus("released", "claimed")).toBe(true);
    expect(canChangeEscalationStatus("pending", "resolved")).toBe(false);
    expect(canChangeEscalationStatus("resolved", "claimed")).toBe(false);
  });

  it("gives high risk a one-hour service level and others three hours", () => {
    const at = new Date("2025-01-01T00:00:00Z");
    expect(slaDueAt("high", at).toISOString()).toBe("2025-01-01T01:00:00.000Z");
    expect(slaDueAt("low", at).toISOString()).toBe("2025-01-01T03:00:00.000Z");
  });

  it("orders the queue by priority, then age", () => {
    const e = (priority: number, ms: number) => ({ priority, createdAt: new Date(ms) }) as Escalation;
    const sorted = [e(1, 5), e(3, 9), e(3, 1), e(1, 2)].sort(compareQueueOrder);
    expect(sorted.map((x) => [x.priority, x.createdAt.getTime()])).toEqual([[3, 1], [3, 9], [1, 2], [1, 5]]);
  });
});
