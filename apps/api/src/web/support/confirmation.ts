/** What a confirmation page (views/pages/confirm.njk) shows before a serious action is taken. */
export interface Confirmation {
  pageTitle: string;
  caption?: string;
  heading: string;
  rows: { key: string; value: string }[];
  warning?: string;
  /** Where the confirmed form posts, with the fields it carries (the original form's values). */
  action: string;
  fields: Record<string, string>;
  confirmText: string;
  /** An optional choice made on the confirmation page (a GOV.UK select), such as who takes over someone's tasks. */
  choice?: { name: string; label: string; hint?: string; items: { value: string; text: string }[] };
  cancelHref: string;
  destructive?: boolean;
}

/** Whether the form was sent from its confirmation page. */
export function isConfirmed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).confirmed === 'yes';
}

/** The context for confirm.njk. */
export function confirmationPage(c: Confirmation): { pageTitle: string; confirm: Confirmation } {
  return { pageTitle: c.pageTitle, confirm: c };
}
