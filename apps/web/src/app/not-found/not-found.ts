import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@consortio/web/core';

@Component({
  selector: 'cs-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  template: `
    <h1>{{ 'notFound.title' | t }}</h1>
    <p>{{ 'notFound.body' | t }}</p>
    <p>
      <a routerLink="/">{{ 'notFound.back' | t }}</a>
    </p>
  `,
})
export class NotFound {}
