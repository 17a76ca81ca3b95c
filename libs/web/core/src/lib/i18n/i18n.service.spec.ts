import { TestBed } from '@angular/core/testing';
import { de } from './dictionary.de';
import { en } from './dictionary.en';
import { I18nService } from './i18n.service';
import { I18N_DICTIONARIES, I18N_STORAGE_KEY } from './i18n.tokens';

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  function create(): I18nService {
    return TestBed.inject(I18nService);
  }

  it('starts in English when nothing is stored and the browser prefers no supported language', () => {
    jest.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'it']);
    const i18n = create();
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('home.status.operational')).toBe('Operational');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts in the browser language when it is supported', () => {
    jest.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT', 'en']);
    expect(create().lang()).toBe('de');
  });

  it('switches language at runtime, updates <html lang> and persists the choice', () => {
    const i18n = create();
    i18n.use('de');
    expect(i18n.lang()).toBe('de');
    expect(i18n.t('home.status.operational')).toBe('Betriebsbereit');
    expect(i18n.t('home.status.degraded')).toBe('Eingeschränkt');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem(I18N_STORAGE_KEY)).toBe('de');

    i18n.use('en');
    expect(i18n.t('home.status.degraded')).toBe('Degraded');
    expect(localStorage.getItem(I18N_STORAGE_KEY)).toBe('en');
  });

  it('restores the stored language on start', () => {
    localStorage.setItem(I18N_STORAGE_KEY, 'de');
    const i18n = create();
    expect(i18n.lang()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
  });

  it('ignores a stored value that is not a supported language', () => {
    localStorage.setItem(I18N_STORAGE_KEY, 'klingon');
    jest.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    expect(create().lang()).toBe('en');
  });

  it('falls back to English when a translation is empty', () => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: I18N_DICTIONARIES,
          useValue: { en, de: { ...de, 'home.intro': '' } },
        },
      ],
    });
    const i18n = create();
    i18n.use('de');
    expect(i18n.t('home.intro')).toBe(en['home.intro']);
    expect(i18n.t('home.title')).toBe('Plattformstatus');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const i18n = create();
    i18n.use('en');
    expect(i18n.t('probes.noteHint', { count: 3, max: 200 })).toBe('3 of 200 characters');
    expect(i18n.t('probes.noteHint', { count: 3 })).toBe('3 of {max} characters');
  });

  it('formats durations in the current language', () => {
    const i18n = create();
    i18n.use('en');
    expect(i18n.formatDuration(3_725)).toMatch(/^1 hr 2 mins? 5 secs?$/);
    i18n.use('de');
    expect(i18n.formatDuration(90_000)).toMatch(/^1 Tg\.? 1 Std\.?$/);
  });
});

describe('dictionaries', () => {
  it('German has exactly the English keys, none of them empty', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(de).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});
