import { FormControl, FormGroup, Validators } from '@angular/forms';
import { applyFieldErrors, controlErrorMessage } from './field-errors';

const i18n = {
  t: (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`,
};

describe('applyFieldErrors', () => {
  function form() {
    return new FormGroup({
      organisation: new FormGroup({ nutsCode: new FormControl('DE999'), vatNumber: new FormControl('') }),
      admin: new FormGroup({ password: new FormControl('short', Validators.minLength(4)) }),
    });
  }

  it('puts dotted api paths on the nested controls and returns what matched nothing', () => {
    const group = form();
    group.controls.organisation.controls.vatNumber.disable();
    const rest = applyFieldErrors(group, [
      { field: 'organisation.nutsCode', message: 'nutsCode DE999 is not a known NUTS 3 region' },
      { field: 'admin.password', message: 'password must be at least 12 characters' },
      { field: 'admin.password', message: 'password must be text' },
      { field: 'organisation.vatNumber', message: 'hidden field' },
      { field: 'captcha', message: 'unknown field' },
    ]);
    const nuts = group.get('organisation.nutsCode');
    expect(nuts?.touched).toBe(true);
    expect(controlErrorMessage(nuts, i18n)).toBe('nutsCode DE999 is not a known NUTS 3 region');
    expect(controlErrorMessage(group.get('admin.password'), i18n)).toBe(
      'password must be at least 12 characters password must be text',
    );
    expect(rest.map((error) => error.field)).toEqual(['organisation.vatNumber', 'captcha']);
  });

  it('forgets the server error once the field is edited', () => {
    const group = form();
    applyFieldErrors(group, [{ field: 'organisation.nutsCode', message: 'unknown region' }]);
    group.get('organisation.nutsCode')?.setValue('DE217');
    expect(group.get('organisation.nutsCode')?.errors).toBeNull();
  });

  it('explains client-side checks in words', () => {
    const control = new FormControl('', [Validators.required, Validators.minLength(12)]);
    expect(controlErrorMessage(control, i18n)).toBe('form.required');
    control.setValue('abc');
    expect(controlErrorMessage(control, i18n)).toBe('form.minLength{"min":12}');
    expect(controlErrorMessage(new FormControl('x', Validators.pattern(/^\d+$/)), i18n, 'register.nutsCodeHint')).toBe(
      'register.nutsCodeHint',
    );
  });
});
