import type { Job } from 'bullmq';
import { dispatchJob } from './job-dispatch';

const job = (name: string, data: unknown) => ({ name, data }) as Job;

describe('dispatchJob', () => {
  it('calls the handler of the job with its payload', async () => {
    const handled: string[] = [];
    const result = await dispatchJob('system', job('system.probe', { probeId: 'p1' }), {
      'system.probe': async ({ probeId }) => {
        handled.push(probeId);
        return 'done';
      },
    });
    expect(handled).toEqual(['p1']);
    expect(result).toBe('done');
  });

  it('refuses a job that is not part of the queue, so it fails visibly instead of vanishing', async () => {
    await expect(
      dispatchJob('system', job('mail.send', {}), { 'system.probe': async () => undefined }),
    ).rejects.toThrow('Job "mail.send" is not a job of queue "system"');
  });
});
