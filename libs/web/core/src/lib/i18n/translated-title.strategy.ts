import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import type { TranslationKey } from './dictionary';
import { I18nService } from './i18n.service';

/**
 * Route `title`s are translation keys; the document title is "<page> · Consortio" in the
 * current language and follows a language switch, so screen readers announce the right page.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly i18n = inject(I18nService);
  private readonly title = inject(Title);
  private readonly pageKey = signal<TranslationKey | null>(null);

  constructor() {
    super();
    effect(() => {
      const key = this.pageKey();
      const product = this.i18n.t('app.name');
      this.title.setTitle(key ? `${this.i18n.t(key)} · ${product}` : product);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageKey.set((this.buildTitle(snapshot) as TranslationKey | undefined) ?? null);
  }
}
