import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { OpenCallResponseView, ResponseAttachmentView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, saveFile, TranslatePipe } from '@consortio/web/core';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { formatBytes } from './call-time';

/** The files of a supplier's response, each a download button; says why when one cannot be fetched. */
@Component({
  selector: 'cs-response-files',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslatePipe],
  template: `
    @if (response().attachments.length > 0) {
      <ul class="files" [attr.aria-label]="'openCalls.responses.attachments' | t">
        @for (attachment of response().attachments; track attachment.id) {
          <li>
            <button mat-button type="button" data-testid="attachment" (click)="download(attachment)">
              {{ 'openCalls.responses.download' | t: { name: attachment.fileName, size: size(attachment.sizeBytes) } }}
            </button>
          </li>
        }
      </ul>
    }
  `,
  styleUrl: './open-calls.scss',
})
export class ResponseFiles {
  readonly callId = input.required<string>();
  readonly response = input.required<OpenCallResponseView>();
  /** The sentence to show when a download failed. */
  readonly failed = output<string>();
  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected async download(attachment: ResponseAttachmentView): Promise<void> {
    try {
      const blob = await this.api.attachment(this.callId(), this.response().id, attachment.id);
      saveFile(this.document, blob, attachment.fileName);
    } catch (error) {
      this.failed.emit(errorSentence(asApiError(error), this.i18n));
    }
  }
}
