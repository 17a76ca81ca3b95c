import { TestBed } from '@angular/core/testing';
import { asApiError, errorSentence, I18nService } from '@consortio/web/core';
import { LatestLoad } from './latest-load';

/** A promise settled from outside, to answer requests in any order. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('LatestLoad', () => {
  const describeError = (error: unknown) => `failed: ${(error as Error).message}`;

  it('shows the value and stops loading once the request answers', async () => {
    const load = new LatestLoad<string>(describeError);
    const answer = deferred<string>();
    const done = load.run(() => answer.promise);
    expect(load.loading()).toBe(true);
    expect(load.value()).toBeNull();

    answer.resolve('first');
    await expect(done).resolves.toBe('first');
    expect(load.value()).toBe('first');
    expect(load.loading()).toBe(false);
    expect(load.error()).toBeNull();
  });

  it('never lets a slower earlier request overwrite a later one', async () => {
    const load = new LatestLoad<string>(describeError);
    const earlier = deferred<string>();
    const later = deferred<string>();
    const first = load.run(() => earlier.promise);
    const second = load.run(() => later.promise);

    later.resolve('later');
    await expect(second).resolves.toBe('later');
    expect(load.value()).toBe('later');
    expect(load.loading()).toBe(false);

    earlier.resolve('earlier');
    await expect(first).resolves.toBeNull();
    expect(load.value()).toBe('later');
    expect(load.loading()).toBe(false);
  });

  it('keeps loading while the latest request is still open, whatever earlier ones do', async () => {
    const load = new LatestLoad<string>(describeError);
    const earlier = deferred<string>();
    const later = deferred<string>();
    const first = load.run(() => earlier.promise);
    const second = load.run(() => later.promise);

    earlier.resolve('earlier');
    await first;
    expect(load.value()).toBeNull();
    expect(load.loading()).toBe(true);

    later.resolve('later');
    await second;
    expect(load.value()).toBe('later');
    expect(load.loading()).toBe(false);
  });

  it('shows an error only for the latest request', async () => {
    const load = new LatestLoad<string>(describeError);
    const earlier = deferred<string>();
    const later = deferred<string>();
    const first = load.run(() => earlier.promise);
    const second = load.run(() => later.promise);

    earlier.reject(new Error('earlier'));
    await expect(first).resolves.toBeNull();
    expect(load.error()).toBeNull();
    expect(load.loading()).toBe(true);

    later.reject(new Error('later'));
    await expect(second).resolves.toBeNull();
    expect(load.error()).toBe('failed: later');
    expect(load.loading()).toBe(false);
  });

  it('clears the error when a new request starts, and keeps the last value shown', async () => {
    const load = new LatestLoad<string>(describeError);
    await load.run(() => Promise.resolve('shown'));
    await load.run(() => Promise.reject(new Error('down')));
    expect(load.error()).toBe('failed: down');
    expect(load.value()).toBe('shown');

    const again = deferred<string>();
    const done = load.run(() => again.promise);
    expect(load.error()).toBeNull();
    again.resolve('again');
    await done;
    expect(load.value()).toBe('again');
  });

  it('describes errors as the api error sentence when created in an injection context', async () => {
    const i18n = { t: jest.fn((key: string) => `text of ${key}`), formatDuration: jest.fn(() => '1 minute') };
    TestBed.configureTestingModule({ providers: [{ provide: I18nService, useValue: i18n }] });
    const load = TestBed.runInInjectionContext(() => new LatestLoad<string>());
    const error = new Error('down');

    await load.run(() => Promise.reject(error));
    expect(load.error()).toBe(errorSentence(asApiError(error), i18n as unknown as I18nService));
    expect(i18n.t).toHaveBeenCalled();
  });
});
