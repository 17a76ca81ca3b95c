import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@consortio/web/core';

/** Where a signed-in person lands who opened a page their role does not allow. */
@Component({
  selector: 'cs-access-denied-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  template: `
    <h1 data-testid="access-denied">{{ 'accessDenied.title' | t }}</h1>
    <p>{{ 'accessDenied.body' | t }}</p>
    <p>
      <a routerLink="/profile">{{ 'accessDenied.profile' | t }}</a>
    </p>
  `,
})
export class AccessDeniedPage {}
