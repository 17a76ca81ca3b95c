import { Injectable } from '@nestjs/common';

export interface AttachmentToScan {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Hex SHA-256 of `content`, for scanners that look files up by hash. */
  sha256: string;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * The virus-scan hook for files suppliers send. Every attachment passes `scan` after its size and
 * type are checked and before anything is stored; a file it calls not clean is refused with its
 * reason (422), and a scanner that throws (unreachable, timed out) refuses the whole response
 * (503), so nothing unscanned is ever stored. `name` is recorded with each attachment it passed
 * (`open_call_attachments.scanned_by`), so files passed by an older or weaker scanner can be found
 * and scanned again. Replace the provider in `OpenCallsModule` to plug in a real scanner (for
 * example clamd's INSTREAM command); see docs/security.md.
 */
export abstract class AttachmentScanner {
  abstract readonly name: string;
  abstract scan(file: AttachmentToScan): Promise<ScanVerdict>;
}

/** The default: accepts every file and records `none`, so a deployment can see that nothing scanned. */
@Injectable()
export class AcceptingAttachmentScanner extends AttachmentScanner {
  readonly name = 'none';

  async scan(): Promise<ScanVerdict> {
    return { clean: true };
  }
}
