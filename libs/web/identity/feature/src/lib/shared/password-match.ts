import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Group validator: the repeat control must equal the password; the error sits on the repeat control. */
export function passwordsMatch(passwordName: string, repeatName: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const password = group.get(passwordName);
    const repeat = group.get(repeatName);
    if (!password || !repeat) return null;
    const mismatch = repeat.value !== '' && password.value !== repeat.value;
    const others = Object.fromEntries(Object.entries(repeat.errors ?? {}).filter(([name]) => name !== 'mismatch'));
    if (mismatch) {
      repeat.setErrors({ ...others, mismatch: true });
    } else if (repeat.errors && 'mismatch' in repeat.errors) {
      repeat.setErrors(Object.keys(others).length > 0 ? others : null);
    }
    return null;
  };
}

export const PASSWORD_MIN_LENGTH = 12;
