/**
 * The dialog file format (`dialogs/*.yaml`), as a zod schema. Written for NGO staff who edit files by
 * hand: readable ids, message keys instead of inline text, comments allowed (YAML). README.md's
 * "Writing a dialog" section is the guide; `dialogs/intake.yaml` is the worked example.
 *
 * Only the shape is checked here. References between steps, reachability, cycles, record fields and
 * locale keys are checked by `checkDialogs` (src/dialog/check), which reports paths in the same form.
 */
import { z } from "zod";
import { RiskCategorySchema, RiskLevelSchema } from "../../domain/risk.js";
import { ConditionSchema } from "./condition.js";

/** `welcome`, `age.question`, or `common:safety.contacts` (another namespace). */
export const MessageKeySchema = z
  .string()
  .regex(/^([a-z][a-z0-9_]*:)?[a-z0-9_]+(\.[a-z0-9_]+)*$/, "a message key is lower-case words joined by dots, e.g. age.question");
export const StepIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "a step id is lower-case letters, digits and _");
/** A record field (Primero name or `x_custom`), or a local variable that is not saved (`_name`). */
export const FieldNameSchema = z.string().regex(/^_?[a-z][a-z0-9_]*$/, "a field name is lower-case letters, digits and _");
const DurationSchema = z.string().regex(/^\d+(m|h|d)$/, 'a duration like "30m", "12h" or "7d"');
const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const BranchSchema = z.strictObject({ when: ConditionSchema.optional(), goto: StepIdSchema });
/** A step id, or branches tried in order; the last branch has no `when` and is the default. */
export const NextSchema = z.union([StepIdSchema, z.array(BranchSchema).min(1)]);

export const ChoiceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, "a choice id is lower-case letters, digits and _"),
  text: MessageKeySchema,
});

const choices = z.array(ChoiceSchema).min(2).max(10);

export const AnswerSpecSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), max_length: z.number().int().positive().max(4000).default(500) }),
  z.strictObject({
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  }),
  z.strictObject({ type: z.literal("date") }),
  z.strictObject({ type: z.literal("approx_date") }),
  z.strictObject({ type: z.literal("choice"), choices }),
  z.strictObject({ type: z.literal("multi_choice"), choices }),
  z.strictObject({ type: z.literal("yes_no") }),
  z.strictObject({ type: z.literal("phone") }),
  z.strictObject({ type: z.literal("location") }),
  /** Asked only when `consent_field` holds `true`; otherwise the step is passed over. */
  z.strictObject({ type: z.literal("photo"), consent_field: FieldNameSchema }),
]);

export const RiskRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  when: ConditionSchema,
  category: RiskCategorySchema,
  level: RiskLevelSchema.exclude(["none"]),
  /** Why, for the caseworker (a message key). */
  reason: MessageKeySchema.optional(),
});

/** A value to write: a constant, or `{ from: field }` to copy another field (e.g. who gave consent). */
export const SetValueSchema = z.union([ScalarSchema, z.strictObject({ from: FieldNameSchema })]);

const common = {
  /** The step runs only when this holds; otherwise the dialog moves on to `next`. */
  only_if: ConditionSchema.optional(),
  /** Values written to the record when the step is passed (a question: when it is answered). */
  set: z.record(FieldNameSchema, SetValueSchema).optional(),
};

export const MessageStepSchema = z.strictObject({ type: z.literal("message"), text: MessageKeySchema, next: NextSchema, ...common });

export const QuestionStepSchema = z.strictObject({
  type: z.literal("question"),
  text: MessageKeySchema,
  answer: AnswerSpecSchema,
  save: FieldNameSchema.optional(),
  /** Where an approximate answer ("about 7", "last month") records that it is estimated. */
  save_estimated: FieldNameSchema.optional(),
  /** Without `required`, the person can always answer "skip" or "I don't know". */
  required: z.boolean().default(false),
  /** Re-prompt shown when an answer is not understood (defaults to a message per answer type). */
  invalid: MessageKeySchema.optional(),
  retries: z.number().int().min(0).max(5).optional(),
  /** Where to go when the retries run out (default: record "not understood" and go on to `next`). */
  on_fail: StepIdSchema.optional(),
  /** Choosing one of these choices sets who the messages are worded for. */
  audience_from: z.record(z.string(), z.enum(["child", "adult"])).optional(),
  risk: z.array(RiskRuleSchema).optional(),
  next: NextSchema,
  ...common,
});

export const CallStepSchema = z.strictObject({ type: z.literal("call"), dialog: z.string(), next: NextSchema, ...common });

export const RepeatStepSchema = z.strictObject({
  type: z.literal("repeat"),
  dialog: z.string(),
  save: FieldNameSchema,
  /** The yes/no question asked after each item ("Are you looking for another child?"). */
  more: MessageKeySchema,
  max: z.number().int().min(1).max(20).default(5),
  next: NextSchema,
  ...common,
});

export const HandoffStepSchema = z.strictObject({
  type: z.literal("handoff"),
  text: MessageKeySchema,
  reason: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Without `next`, the conversation waits for a person. */
  next: NextSchema.optional(),
  ...common,
});

/** The person says the bot got it wrong: the flags stay, marked disputed, for the caseworker. */
export const DisputeStepSchema = z.strictObject({ type: z.literal("dispute"), text: MessageKeySchema, next: NextSchema, ...common });

export const EndStepSchema = z.strictObject({
  type: z.literal("end"),
  text: MessageKeySchema.optional(),
  /** `keep` completes the record; `discard` throws the answers away (e.g. no consent). Flows only. */
  answers: z.enum(["keep", "discard"]).default("keep"),
  set: common.set,
});

export const StepSchema = z.discriminatedUnion("type", [
  MessageStepSchema,
  QuestionStepSchema,
  CallStepSchema,
  RepeatStepSchema,
  HandoffStepSchema,
  DisputeStepSchema,
  EndStepSchema,
]);

export const DialogSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "a dialog id is lower-case letters, digits and _"),
  version: z.number().int().positive(),
  /** A `flow` is started by a person and ends in a record; a `module` is called from other dialogs. */
  kind: z.enum(["flow", "module"]).default("flow"),
  /** What a completed flow produces. */
  record: z.enum(["case", "tracing_request"]).optional(),
  /** Shown in menus. */
  title: MessageKeySchema.optional(),
  start: StepIdSchema,
  settings: z
    .strictObject({
      retries: z.number().int().min(0).max(5).default(2),
      remind_after: DurationSchema.default("30m"),
      expire_after: DurationSchema.default("7d"),
      /** The module the help command and urgent risk flags run (it shows help contacts first). */
      safety_module: z.string().default("safety"),
    })
    .prefault({}),
  /** Rules over the whole record, checked after every answer (e.g. young child and alone). */
  risk: z.array(RiskRuleSchema).default([]),
  /** Explicit migrations of live sessions from older versions: old step id -> new step id. */
  migrations: z.record(z.string().regex(/^\d+$/), z.record(StepIdSchema, StepIdSchema)).default({}),
  steps: z.record(StepIdSchema, StepSchema).refine((steps) => Object.keys(steps).length > 0, "a dialog needs steps"),
});

export type Dialog = z.infer<typeof DialogSchema>;
export type Step = z.infer<typeof StepSchema>;
export type QuestionStep = z.infer<typeof QuestionStepSchema>;
export type RepeatStep = z.infer<typeof RepeatStepSchema>;
export type AnswerSpec = z.infer<typeof AnswerSpecSchema>;
export type Choice = z.infer<typeof ChoiceSchema>;
export type Next = z.infer<typeof NextSchema>;
export type RiskRule = z.infer<typeof RiskRuleSchema>;
