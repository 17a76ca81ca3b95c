/**
 * The one map of every background job: its name, the queue that runs it and its payload.
 * Producers and processors are typed from it, so a job cannot be sent with the wrong payload
 * or left without a handler. Payloads are plain JSON: ids, not entities.
 */
export interface JobPayloads {
  /** End-to-end check of the asynchronous path; completes a row in `system_probes`. */
  'system.probe': { probeId: string };
  /** E-mails carry one-time links; the token is made when the mail is sent, so none waits in a queue. */
  'mail.invitation': { invitationId: string };
  'mail.password-reset': { tokenId: string };
  'mail.email-change': { tokenId: string };
  /** Closes a consortium decision at its deadline (a delayed job) and tells every member. */
  'consortia.close-decision': { decisionId: string };
  'consortia.decision-mail': { decisionId: string };
  /** Folds a specification's update log into its snapshot (requested by the api as the log grows). */
  'specifications.compact': { specificationId: string };
  /** Renders a specification as PDF or DOCX into its export row, reporting progress. */
  'specifications.export': { exportId: string };
  /** Closes a published open call at its deadline (a delayed job; a periodic sweep catches any it missed). */
  'open-calls.close': { callId: string };
  /** Sends notifications written by the api to their people's live channels. */
  'notifications.deliver': { notificationIds: string[] };
  /** The daily e-mail digest of unread notifications (a BullMQ job scheduler). */
  'notifications.digest': Record<string, never>;
  /** The daily reminders: milestones and votes ahead (a BullMQ job scheduler). */
  'notifications.remind': Record<string, never>;
  /** Writes a bulk OCDS export of a jurisdiction into its export row's large object, reporting progress. */
  'open-data.export': { exportId: string };
  /** Refreshes the monitoring read models (a job scheduler, and coalesced after tender stage changes). */
  'monitoring.refresh': Record<string, never>;
  /** Raises and clears monitoring alerts (stalled tenders, missed milestones) and notifies (daily scheduler). */
  'monitoring.alerts': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = [
  'system',
  'mail',
  'consortia',
  'specifications',
  'open-calls',
  'notifications',
  'open-data',
  'monitoring',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUE = {
  'system.probe': 'system',
  'mail.invitation': 'mail',
  'mail.password-reset': 'mail',
  'mail.email-change': 'mail',
  'consortia.close-decision': 'consortia',
  'consortia.decision-mail': 'consortia',
  'specifications.compact': 'specifications',
  'specifications.export': 'specifications',
  'open-calls.close': 'open-calls',
  'notifications.deliver': 'notifications',
  'notifications.digest': 'notifications',
  'notifications.remind': 'notifications',
  'open-data.export': 'open-data',
  'monitoring.refresh': 'monitoring',
  'monitoring.alerts': 'monitoring',
} as const satisfies { readonly [N in JobName]: QueueName };

export type JobsOfQueue<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}

/**
 * The id and start time of a job that many changes in a short window should cause only once:
 * every change within the same `windowMs` window gets the same id (the outbox and BullMQ keep one)
 * and runs at the window's end, so a burst of changes costs one run, at most `windowMs` later.
 */
export function coalescedJob(name: JobName, windowMs: number, now = Date.now()): { jobId: string; runAt: Date } {
  const end = Math.ceil((now + 1) / windowMs) * windowMs;
  return { jobId: `${name}.${end}`, runAt: new Date(end) };
}
