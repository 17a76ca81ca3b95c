import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { RequestValidationException } from './request-validation.exception';
import { createValidationPipe } from './validation';

class LotDto {
  @IsInt({ message: 'value must be a whole number of cents' })
  @Min(0)
  value!: number;
}

class TenderDto {
  @IsString()
  @MaxLength(10, { message: 'title must be at most 10 characters' })
  title!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => LotDto)
  lots?: LotDto[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: TenderDto };

async function fieldErrorsOf(body: unknown) {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    if (error instanceof RequestValidationException) return error.fieldErrors;
    throw error;
  }
  return [];
}

describe('validation pipe', () => {
  it('passes a valid body through as an instance of its class', async () => {
    const value = (await createValidationPipe().transform(
      { title: 'Lighting', lots: [{ value: 100 }] },
      metadata,
    )) as TenderDto;
    expect(value).toBeInstanceOf(TenderDto);
    expect(value.lots?.[0]).toBeInstanceOf(LotDto);
  });

  it('names nested fields by their path and unknown fields as unknown, one message per field', async () => {
    const errors = await fieldErrorsOf({ title: 'A very long title', lots: [{ value: 1.5 }], colour: 'red' });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'title must be at most 10 characters' },
        { field: 'lots.0.value', message: 'value must be a whole number of cents' },
        { field: 'colour', message: '"colour" is not a known field' },
      ]),
    );
  });
});
