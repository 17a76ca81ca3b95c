import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { Flag } from '@consortio/api/platform/config';

export class AuthConfig {
  /** Signs access tokens; every api instance needs the same value. At least 32 characters. */
  @Expose()
  @IsString({
    message: 'AUTH_TOKEN_SECRET must be set (at least 32 random characters, the same on every api instance)',
  })
  @MinLength(32, { message: 'AUTH_TOKEN_SECRET must be at least 32 characters long' })
  AUTH_TOKEN_SECRET!: string;

  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'ACCESS_TOKEN_TTL_SECONDS must be a whole number of seconds' })
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'REFRESH_TOKEN_TTL_DAYS must be a whole number of days' })
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Secure cookies are only sent over HTTPS (browsers also allow them on http://localhost). */
  @Expose()
  @Flag()
  @IsBoolean({ message: 'AUTH_COOKIE_SECURE must be true or false' })
  AUTH_COOKIE_SECURE = true;

  /** Where people reach the platform; identity providers redirect back to it. */
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'PUBLIC_URL must be the web address of this platform, e.g. https://consortio.example' },
  )
  PUBLIC_URL = 'http://localhost:3000';
}
