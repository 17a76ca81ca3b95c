/** Small DOM helpers shared by the page specs. */

/** Lets the answer's promise chain finish, then renders. */
export async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

export const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

export function type(root: HTMLElement, id: string, value: string): void {
  const input = byTestId(root, id) as HTMLInputElement | null;
  if (!input) throw new Error(`no field ${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** The error text Material shows inside the form field that holds the input. */
export function fieldError(root: HTMLElement, id: string): string | null {
  return byTestId(root, id)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? null;
}

export const problem = (
  status: number,
  title: string,
  detail: string,
  errors?: { field: string; message: string }[],
) => ({
  body: { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) },
  options: { status, statusText: title, headers: { 'content-type': 'application/problem+json' } },
});
