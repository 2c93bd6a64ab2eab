/** The waitlist sign-up form's state, shared by its server action and its client component. */
export interface WaitlistValues {
  firstName: string;
  lastName: string;
  phone: string;
  latestDate: string;
}

export type WaitlistField = keyof WaitlistValues;

export interface WaitlistFormState {
  values: WaitlistValues;
  fields?: Partial<Record<WaitlistField, string>>;
  formError?: string;
}

/** API field paths → form fields. */
export const WAITLIST_FIELD_OF_API_PATH: Record<string, WaitlistField> = {
  "serviceUser.firstName": "firstName",
  "serviceUser.lastName": "lastName",
  "serviceUser.phone": "phone",
  latestDate: "latestDate",
};
