/** WhatsApp Cloud API webhook bodies as Meta sends them, and their `X-Hub-Signature-256`. */
import { createHmac } from "node:crypto";

export const WA_APP_SECRET = "test-app-secret";
export const WA_VERIFY_TOKEN = "test-verify-token";
export const WA_FROM = "243810000001";
export const WA_PHONE_NUMBER_ID = "105500000000001";
export const WA_TS = "1717000000";

export function sign(raw: string | Buffer, secret = WA_APP_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

export function waBody(value: { messages?: unknown[]; statuses?: unknown[] }, phoneNumberId = WA_PHONE_NUMBER_ID): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WABA_ID",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: "Name" }, wa_id: WA_FROM }],
              ...value,
            },
          },
        ],
      },
    ],
  };
}

const base = (id: string, type: string) => ({ from: WA_FROM, id, timestamp: WA_TS, type });

export const waText = (id: string, body: string) => ({ ...base(id, "text"), text: { body } });
export const waButtonReply = (id: string, choiceId: string) => ({
  ...base(id, "interactive"),
  interactive: { type: "button_reply", button_reply: { id: choiceId, title: "Yes" } },
});
export const waListReply = (id: string, choiceId: string) => ({
  ...base(id, "interactive"),
  interactive: { type: "list_reply", list_reply: { id: choiceId, title: "Row", description: "d" } },
});
export const waLocation = (id: string) => ({ ...base(id, "location"), location: { latitude: -1.6792, longitude: 29.2228, name: "Goma", address: "Av. X" } });
export const waImage = (id: string) => ({ ...base(id, "image"), image: { id: "MEDIA_ID_1", mime_type: "image/jpeg", sha256: "abc" } });
export const waAudio = (id: string) => ({ ...base(id, "audio"), audio: { id: "MEDIA_ID_2", mime_type: "audio/ogg; codecs=opus", voice: true } });
export const waTemplateButton = (id: string, payload: string) => ({ ...base(id, "button"), button: { payload, text: "Continue" } });
export const waStatus = (id: string, status: string, errorCode?: number) => ({
  id,
  status,
  timestamp: WA_TS,
  recipient_id: WA_FROM,
  ...(errorCode !== undefined ? { errors: [{ code: errorCode, title: "Re-engagement message" }] } : {}),
});

/** Meta's own encoding: JSON with every non-ASCII character escaped as \uXXXX. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
