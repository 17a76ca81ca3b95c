import { Expose } from 'class-transformer';
import { IsBoolean, IsInt, IsUrl, Max, Min } from 'class-validator';
import { CommaSeparated, Flag } from './env-transforms';
import { ConfigurationError, loadConfig } from './load-config';

class SampleConfig {
  @Expose()
  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'], require_protocol: true })
  DATABASE_URL!: string;

  @Expose()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Expose()
  @CommaSeparated()
  ORIGINS: string[] = [];

  @Expose()
  @Flag()
  @IsBoolean()
  VERBOSE = false;
}

describe('loadConfig', () => {
  it('reads variables, converts types and keeps defaults for unset ones', () => {
    const config = loadConfig(SampleConfig, {
      DATABASE_URL: 'postgres://db:5432/consortio',
      ORIGINS: 'https://a.example, https://b.example',
      VERBOSE: 'yes',
      UNRELATED: 'ignored',
    });
    expect(config.DATABASE_URL).toBe('postgres://db:5432/consortio');
    expect(config.PORT).toBe(3000);
    expect(config.ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.VERBOSE).toBe(true);
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig(SampleConfig, { DATABASE_URL: 'postgres://db/x', PORT: '' });
    expect(config.PORT).toBe(3000);
  });

  it('names every bad or missing variable and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig(SampleConfig, { PORT: '70000', VERBOSE: 'sometimes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as ConfigurationError).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('PORT must not be greater than 65535');
    expect(message).toContain('VERBOSE');
    expect(message).not.toContain('70000');
    expect(message).not.toContain('sometimes');
  });
});
