import { Expose, Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** How fresh the monitoring read models are, when a tender counts as stalled, and when alerts run. */
export class MonitoringConfig {
  /** Seconds between refreshes of the read models (the dashboard is at most this old, plus one refresh). */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'MONITORING_REFRESH_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'MONITORING_REFRESH_SECONDS must be at least 1' })
  @Max(86_400, { message: 'MONITORING_REFRESH_SECONDS must be at most 86400 (a day)' })
  MONITORING_REFRESH_SECONDS = 300;

  /** Days without a stage change after which a running tender counts as stalled. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'MONITORING_STALLED_DAYS must be a whole number of days' })
  @Min(1, { message: 'MONITORING_STALLED_DAYS must be at least 1' })
  @Max(3_650, { message: 'MONITORING_STALLED_DAYS must be at most 3650' })
  MONITORING_STALLED_DAYS = 60;

  /** When the alerts job runs: a cron pattern (5 fields, or 6 with seconds first), in Europe/Berlin time. */
  @Expose()
  @Matches(/^\s*\S+(\s+\S+){4,5}\s*$/, {
    message: 'MONITORING_ALERTS_CRON must be a cron pattern of 5 or 6 fields, such as "0 5 * * *"',
  })
  MONITORING_ALERTS_CRON = '0 5 * * *';
}
