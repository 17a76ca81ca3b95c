import { inject, Pipe, type PipeTransform } from '@angular/core';
import type { TranslationKey, TranslationParams } from './dictionary';
import { I18nService } from './i18n.service';

/**
 * `{{ 'home.title' | t }}`. Impure so the view re-translates after a language switch;
 * the lookup is a property read, and `I18nService.t` reads the `lang` signal, so
 * OnPush views are also marked dirty by the signal graph.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
