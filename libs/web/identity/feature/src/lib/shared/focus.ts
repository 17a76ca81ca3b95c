import { afterNextRender, type Injector } from '@angular/core';

/**
 * After the next render, moves focus to the first field Material marks invalid, so keyboard
 * and screen-reader users land on what needs fixing; falls back to `fallback`.
 */
export function focusFirstInvalid(host: HTMLElement, injector: Injector, fallback?: () => HTMLElement | null): void {
  afterNextRender(
    () => {
      const target = host.querySelector<HTMLElement>('[aria-invalid="true"]') ?? fallback?.() ?? null;
      target?.focus();
    },
    { injector },
  );
}
