/**
 * The person chose another language; answers are kept.
 *
 * @example { type: "language_changed", from: "en", to: "ar" }
 */
export interface LanguageChangedEvent {
  readonly type: "language_changed";
  readonly from: string;
  readonly to: string;
}
