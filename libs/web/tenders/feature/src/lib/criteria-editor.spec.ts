import { TestBed } from '@angular/core/testing';
import type { AwardCriterion } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { CriteriaEditor } from './criteria-editor';

const demo: AwardCriterion[] = [
  { kind: 'price', name: 'Price', weight: 40 },
  { kind: 'quality', name: 'Charging power', weight: 40 },
  { kind: 'innovation', name: 'Smart charging', weight: 20 },
];

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (root: HTMLElement, id: string) => byTestId(root, id)?.textContent?.trim() ?? null;

function type(root: HTMLElement, id: string, value: string): void {
  const input = byTestId(root, id) as HTMLInputElement | null;
  if (!input) throw new Error(`no field ${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('CriteriaEditor', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
    TestBed.inject(I18nService).use('en');
  });

  async function render(save: (criteria: AwardCriterion[]) => Promise<boolean>, prefix = 'lot-') {
    const fixture = TestBed.createComponent(CriteriaEditor);
    fixture.componentRef.setInput('criteria', demo);
    fixture.componentRef.setInput('editable', true);
    fixture.componentRef.setInput('save', save);
    fixture.componentRef.setInput('testIdPrefix', prefix);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('shows the total and the refusal while weights are typed, and saves the rows as criteria', async () => {
    const saved: AwardCriterion[][] = [];
    const { fixture, root } = await render(async (criteria) => {
      saved.push(criteria);
      return true;
    });
    expect((byTestId(root, 'lot-criterion-weight-0') as HTMLInputElement).value).toBe('40');
    expect(text(root, 'lot-criteria-total')).toBe('Total: 100 %');
    expect(byTestId(root, 'lot-criteria-problem')).toBeNull();

    type(root, 'lot-criterion-weight-0', '30');
    type(root, 'lot-criterion-name-1', '  Charging power and uptime ');
    await fixture.whenStable();
    expect(text(root, 'lot-criteria-total')).toBe('Total: 90 %');
    expect(text(root, 'lot-criteria-problem')).toContain('90');

    type(root, 'lot-criterion-weight-2', '30');
    await fixture.whenStable();
    byTestId(root, 'lot-criteria-save')?.click();
    await fixture.whenStable();
    expect(saved).toEqual([
      [
        { kind: 'price', name: 'Price', weight: 30 },
        { kind: 'quality', name: 'Charging power and uptime', weight: 40 },
        { kind: 'innovation', name: 'Smart charging', weight: 30 },
      ],
    ]);
  });

  it('answers the changed rows as unsaved until they are stored', async () => {
    const { fixture, root } = await render(async () => true);
    const editor = fixture.componentInstance;
    expect(editor.unsaved()).toBeNull();
    type(root, 'lot-criterion-weight-0', '60');
    type(root, 'lot-criterion-weight-1', '20');
    await fixture.whenStable();
    expect(editor.unsaved()?.map((criterion) => criterion.weight)).toEqual([60, 20, 20]);
    byTestId(root, 'lot-criteria-save')?.click();
    await fixture.whenStable();
    expect(editor.unsaved()).toBeNull();
  });

  it('keeps what is being typed when the criteria change meanwhile, and takes them once saved', async () => {
    let answer: (stored: boolean) => void = () => undefined;
    const { fixture, root } = await render(() => new Promise<boolean>((done) => (answer = done)));
    type(root, 'lot-criterion-weight-0', '50');
    type(root, 'lot-criterion-weight-1', '30');
    await fixture.whenStable();

    // Someone else's change arrives while this person types: their typing stays.
    fixture.componentRef.setInput('criteria', [{ kind: 'price', name: 'Price', weight: 100 }]);
    await fixture.whenStable();
    expect((byTestId(root, 'lot-criterion-weight-0') as HTMLInputElement).value).toBe('50');
    expect(root.querySelectorAll('.criterion')).toHaveLength(3);

    // Saved: the form shows the criteria as the server answered them.
    byTestId(root, 'lot-criteria-save')?.click();
    await fixture.whenStable();
    expect((byTestId(root, 'lot-criteria-save') as HTMLButtonElement).disabled).toBe(true);
    const stored = [
      { kind: 'price', name: 'Price', weight: 50 },
      { kind: 'quality', name: 'Charging power', weight: 30 },
      { kind: 'innovation', name: 'Smart charging', weight: 20 },
    ] satisfies AwardCriterion[];
    fixture.componentRef.setInput('criteria', stored);
    answer(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect((byTestId(root, 'lot-criteria-save') as HTMLButtonElement).disabled).toBe(false);

    // Pristine again: the next change from the server replaces the rows.
    fixture.componentRef.setInput('criteria', [{ kind: 'price', name: 'Price', weight: 100 }]);
    await fixture.whenStable();
    expect(root.querySelectorAll('.criterion')).toHaveLength(1);
    expect((byTestId(root, 'lot-criterion-weight-0') as HTMLInputElement).value).toBe('100');
  });

  it('keeps the typing when saving fails', async () => {
    const { fixture, root } = await render(async () => false, '');
    type(root, 'criterion-weight-0', '45');
    await fixture.whenStable();
    byTestId(root, 'criteria-save')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    fixture.componentRef.setInput('criteria', [{ kind: 'price', name: 'Price', weight: 100 }]);
    await fixture.whenStable();
    expect((byTestId(root, 'criterion-weight-0') as HTMLInputElement).value).toBe('45');
  });

  it('shows the criteria without a way to change them to those who may not', async () => {
    const { fixture, root } = await render(async () => true);
    fixture.componentRef.setInput('editable', false);
    await fixture.whenStable();
    expect((byTestId(root, 'lot-criterion-weight-0') as HTMLInputElement).disabled).toBe(true);
    expect(byTestId(root, 'lot-criteria-save')).toBeNull();
    expect(byTestId(root, 'lot-criterion-add')).toBeNull();
  });
});
