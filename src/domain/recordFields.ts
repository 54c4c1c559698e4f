/**
 * The record fields a dialog may save answers into. Names and meanings follow Primero/CPIMS+ so that
 * records can move into the system most agencies already use (DOMAIN.md). A dialog saving into a
 * name that is not here fails `kinlink dialogs check`; deployments add their own fields with an `x_`
 * prefix, which Primero imports treat as custom fields.
 *
 * `identifying: true` marks personal data: it goes through the field codec (encryption at rest,
 * crypto-shredding) in the repositories, and never into logs.
 */
export interface RecordFieldInfo {
  readonly identifying: boolean;
  /** Why the field is collected: data minimisation asks for a purpose per field (IASC, UNHCR DPP). */
  readonly purpose: string;
}

const field = (identifying: boolean, purpose: string): RecordFieldInfo => ({ identifying, purpose });

export const RECORD_FIELDS: Readonly<Record<string, RecordFieldInfo>> = {
  // Who is writing, and in which language the conversation runs.
  reporter_type: field(false, "word messages for the child or for an adult; consent rules"),
  reporter_relationship: field(false, "know who speaks for the child"),
  reporter_name: field(true, "contact the person who reported"),
  reporter_phone: field(true, "contact the person who reported"),
  // The child.
  name_first: field(true, "identify the child; tracing"),
  name_last: field(true, "identify the child; tracing"),
  name_nickname: field(true, "tracing: children are often known by a nickname"),
  name_other: field(true, "tracing: names in another script or spelling"),
  sex: field(false, "tracing; reporting by sex"),
  age: field(false, "risk (young child alone); consent by age band; tracing"),
  age_estimated: field(false, "tracing compares estimated ages as ranges"),
  date_of_birth: field(true, "tracing"),
  date_of_birth_estimated: field(false, "tracing"),
  nationality: field(false, "tracing; services"),
  language: field(false, "talk to the family in their language"),
  distinguishing_features: field(true, "tracing: verify identity"),
  photo: field(true, "tracing, only with explicit consent"),
  // Where the child is now, and with whom.
  location_current: field(true, "reach the child"),
  protection_status: field(false, "risk; unaccompanied / separated / with caregiver"),
  caregiver_name: field(true, "reach the child's caregiver"),
  caregiver_relationship: field(false, "know who cares for the child"),
  has_safe_shelter: field(false, "risk: a child with no safe shelter"),
  feels_safe_now: field(false, "risk: immediate danger"),
  contact_channel: field(false, "how a caseworker can reply"),
  contact_phone: field(true, "how a caseworker can reply"),
  // Separation.
  date_of_separation: field(false, "tracing"),
  date_of_separation_estimated: field(false, "tracing"),
  separation_cause: field(false, "tracing; reporting"),
  location_separation: field(true, "tracing"),
  location_last: field(true, "tracing: last known place of the family"),
  family_phone: field(true, "tracing: last family phone"),
  // Family (optional).
  mother_name: field(true, "tracing"),
  father_name: field(true, "tracing"),
  siblings_names: field(true, "tracing"),
  accompanying_siblings: field(false, "keep siblings together"),
  // Needs and concerns, in the person's own words.
  protection_concerns: field(false, "triage"),
  urgent_needs: field(false, "triage"),
  additional_info: field(true, "the person's own words for the caseworker"),
  // Consent (who consented, to what).
  consent_for_services: field(false, "lawful basis for case management"),
  consent_for_tracing: field(false, "only children with tracing consent are ever searched"),
  disclosure_other_orgs: field(false, "sharing with other organisations"),
  consent_for_reporting: field(false, "non-identifying reporting"),
  consent_for_photo: field(false, "a photo is asked for only with this consent"),
  consent_source: field(false, "who gave consent: the child, a caregiver, another adult"),
  // Tracing request: the inquirer and the sought children.
  inquirer_name: field(true, "contact the inquirer"),
  inquirer_relationship: field(false, "tracing"),
  inquirer_phone: field(true, "contact the inquirer"),
  inquirer_location: field(true, "reunification"),
  tracing_request_for: field(false, "a family seeking a child, or a child seeking family"),
  sought_children: field(true, "the children being looked for"),
  sought_relatives: field(true, "the relatives a child is looking for"),
  relation: field(false, "tracing: how the sought person is related"),
};

export function isKnownRecordField(name: string): boolean {
  return Object.hasOwn(RECORD_FIELDS, name) || /^x_[a-z][a-z0-9_]*$/.test(name);
}
