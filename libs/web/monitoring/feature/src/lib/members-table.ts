import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { MonitoringTenderDetail } from '@consortio/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';
import type { MonitoringCsvSource } from '@consortio/web/monitoring/data-access';
import { CsvExport } from './csv-export';

type Member = MonitoringTenderDetail['members'][number];

/** The member organisations of a consortium or tender: name, NUTS region and role, and their CSV. */
@Component({
  selector: 'cs-monitoring-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, CsvExport],
  template: `
    <cs-csv-export [source]="csv()" [name]="'monitoring.members' | t" />
    <div class="table-scroll">
      <table class="table" [attr.data-testid]="testId()">
        <thead>
          <tr>
            <th scope="col">{{ 'monitoring.col.organisation' | t }}</th>
            <th scope="col">NUTS</th>
            <th scope="col">{{ 'monitoring.col.role' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (member of members(); track member.id) {
            <tr>
              <th scope="row">{{ member.name }}</th>
              <td>{{ member.nutsCode ?? '–' }}</td>
              <td>{{ roleLabel(member.role) | t }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './monitoring.scss',
})
export class MembersTable {
  readonly members = input.required<readonly Member[]>();
  readonly testId = input.required<string>();
  /** The members' table of the tender or consortium shown. */
  readonly csv = input.required<MonitoringCsvSource>();

  protected roleLabel(role: Member['role']): TranslationKey {
    return `monitoring.role.${role}`;
  }
}
