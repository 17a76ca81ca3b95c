import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { DecisionResultView } from '@consortio/shared/contracts';
import { Mailer, mailLocale } from '@consortio/api/platform/mail';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { decisionClosedMail } from '../decision-mail';
import { DecisionsService } from '../decisions.service';

/** The consortia domain's jobs: closing decisions at their deadline and telling every member. */
@Processor('consortia')
export class ConsortiaProcessor extends WorkerHost {
  private readonly logger = new Logger(ConsortiaProcessor.name);
  private readonly handlers: JobHandlers<'consortia'>;

  constructor(dataSource: DataSource, decisions: DecisionsService, mailer: Mailer) {
    super();
    this.handlers = {
      'consortia.close-decision': async ({ decisionId }) => {
        const closed = await decisions.close(decisionId);
        return closed ? closed.tally.outcome : 'nothing to close';
      },
      'consortia.decision-mail': async ({ decisionId }) => {
        const [decision] = await dataSource.query<
          {
            consortium_id: string;
            consortium: string;
            title: string;
            options: string[];
            result: DecisionResultView | null;
          }[]
        >(
          `SELECT d.consortium_id, c.name AS consortium, d.title, d.options, d.result
             FROM decisions d JOIN consortia c ON c.id = d.consortium_id WHERE d.id = $1`,
          [decisionId],
        );
        if (!decision?.result) return 'not closed';
        // Everyone who acts or advises for a member organisation; viewers follow in the app.
        const people = await dataSource.query<{ email: string; locale: string }[]>(
          `SELECT DISTINCT u.email, u.locale FROM consortium_members m
             JOIN memberships ms ON ms.organisation_id = m.organisation_id
             JOIN users u ON u.id = ms.user_id
            WHERE m.consortium_id = $1 AND ms.role IN ('org-admin', 'procurement-officer', 'legal-reviewer')`,
          [decision.consortium_id],
        );
        const result = decision.result;
        for (const person of people) {
          await mailer.send(
            person.email,
            decisionClosedMail[mailLocale(person.locale)]({
              consortium: decision.consortium,
              title: decision.title,
              outcome: result.outcome,
              winner: result.winningOption === null ? null : decision.options[result.winningOption],
              counts: decision.options.map((option, index) => `${option} ${result.counts[index] ?? 0}`).join(', '),
              link: `${mailer.publicUrl}/consortia/${decision.consortium_id}/decisions`,
            }),
          );
        }
        this.logger.log(`Decision ${decisionId}: told ${people.length} people`);
        return people.length;
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('consortia', job, this.handlers);
  }
}
