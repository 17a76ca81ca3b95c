import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CpvCodeDetail, CpvCodeView, Page } from '@consortio/shared/contracts';
import { Policies, Policy } from '@consortio/api/platform/auth';
import { PageQueryDto } from '@consortio/api/platform/http';
import { CpvSearchQueryDto } from './dto/cpv-search-query.dto';
import { CpvService } from './cpv.service';

/** The Common Procurement Vocabulary is public reference data. */
@ApiTags('cpv')
@Policy(Policies.public)
@Controller('cpv')
export class CpvController {
  constructor(private readonly cpv: CpvService) {}

  @Get()
  @ApiOperation({ summary: 'Search CPV codes by code prefix or words; without q, the divisions' })
  search(@Query() query: CpvSearchQueryDto): Promise<Page<CpvCodeView>> {
    return this.cpv.search(query.q, query.page, query.pageSize);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One CPV code with its path from the division' })
  get(@Param('code') code: string): Promise<CpvCodeDetail> {
    return this.cpv.get(code);
  }

  @Get(':code/children')
  @ApiOperation({ summary: 'The codes directly below one code (the tree)' })
  children(@Param('code') code: string, @Query() query: PageQueryDto): Promise<Page<CpvCodeView>> {
    return this.cpv.children(code, query.page, query.pageSize);
  }
}
