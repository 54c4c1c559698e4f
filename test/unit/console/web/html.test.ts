/** The page templates escape every interpolation unless it is already HTML. */
import { describe, expect, it } from "@jest/globals";
import { escapeHtml, html, raw } from "../../../../src/console/web/html.js";
import { ConsoleI18n } from "../../../../src/console/web/i18n/consoleI18n.js";
import { reasonLabel } from "../../../../src/console/web/views/parts.js";

describe("html`…`", () => {
  it("escapes text in content and in attributes", () => {
    const name = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>`,
    );
    expect(escapeHtml("`")).toBe("&#96;");
  });

  it("keeps nested templates and raw() fragments, joins arrays, drops null, undefined and false", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}${raw("<hr>")}`.value).toBe("<ul><li>a&lt;b</li><li>c</li></ul>0<hr>");
  });

  it("does not let a string pretend to be HTML", () => {
    const forged = { value: "<b>", toString: () => "<b>" };
    expect(html`${String(forged)}`.value).toBe("&lt;b&gt;");
  });
});

describe("escalation reasons", () => {
  it("read as a category and a source, never as the raw code", () => {
    const t = new ConsoleI18n().translator("en");
    expect(reasonLabel(t, "text:en:self_harm.wish_to_die")).toBe("Self-harm · in a message");
    expect(reasonLabel(t, "rule:intake.not_safe_now")).toBe("Answer in the dialog · Not safe now");
    expect(reasonLabel(t, "handoff:user_request")).toBe("Asked to talk to a person");
    expect(reasonLabel(t, "record:case")).toBe("Registration completed with flags");
    expect(reasonLabel(new ConsoleI18n().translator("fr"), "text:ar:physical_violence.hit")).toBe("Violence physique · dans un message");
  });
});
