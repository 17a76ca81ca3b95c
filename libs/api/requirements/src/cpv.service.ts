import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CpvCodeDetail, CpvCodeView, CpvLevel, Page } from '@consortio/shared/contracts';
import { CPV_CODE } from '@consortio/shared/domain';

interface CpvRow {
  code: string;
  label: string;
  level: CpvLevel;
  parent_code: string | null;
  children: number;
  total?: string;
}

const VIEW = `c.code, c.label, c.level, c.parent_code,
  (SELECT count(*)::int FROM cpv_codes k WHERE k.parent_code = c.code) AS children`;

const toView = (row: CpvRow): CpvCodeView => ({
  code: row.code,
  label: row.label,
  level: row.level,
  parent: row.parent_code,
  children: row.children,
});

/** Search and browse the CPV list: by code prefix, by words of the label, and as a tree. */
@Injectable()
export class CpvService {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: string | undefined, page: number, pageSize: number): Promise<Page<CpvCodeView>> {
    const text = query?.trim() ?? '';
    const digits = /^\d{2,8}(-\d)?$/.test(text) ? text.slice(0, 8).replace(/0+$/, '').padEnd(2, '0') : null;
    let from = 'cpv_codes c';
    let where = 'c.parent_code IS NULL';
    let order = 'c.digits';
    let param: string | null = null;
    if (digits) {
      where = 'c.digits LIKE $1';
      param = `${digits}%`;
    } else if (text) {
      // Every word must match; the last one as a prefix, so results follow the typing.
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) return { items: [], page, pageSize, total: 0 };
      from = "cpv_codes c, to_tsquery('english', $1) q";
      where = 'c.search @@ q';
      order = "ts_rank(c.search, q) DESC, length(rtrim(c.digits, '0')), c.digits";
      param = words.map((word, index) => `${word}${index === words.length - 1 ? ':*' : ''}`).join(' & ');
    }
    // The filter, when there is one, is always $1; limit and offset follow it.
    const filter = param === null ? [] : [param];
    const next = filter.length + 1;
    const rows = await this.dataSource.query<CpvRow[]>(
      `SELECT ${VIEW}, count(*) OVER () AS total FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT $${next} OFFSET $${next + 1}`,
      [...filter, pageSize, (page - 1) * pageSize],
    );
    // Past the last page there is no row to carry the window count: count on its own.
    const total =
      rows.length > 0
        ? Number(rows[0].total)
        : page === 1
          ? 0
          : Number(
              (
                await this.dataSource.query<{ total: string }[]>(
                  `SELECT count(*) AS total FROM ${from} WHERE ${where}`,
                  filter,
                )
              )[0].total,
            );
    return { items: rows.map(toView), page, pageSize, total };
  }

  async get(code: string): Promise<CpvCodeDetail> {
    this.assertCode(code);
    const [row] = await this.dataSource.query<CpvRow[]>(`SELECT ${VIEW} FROM cpv_codes c WHERE c.code = $1`, [code]);
    if (!row) throw new NotFoundException(`${code} is not in the CPV list (check the digits and the check digit).`);
    const path = await this.dataSource.query<{ code: string; label: string }[]>(
      `WITH RECURSIVE up AS (
         SELECT code, label, parent_code, 0 AS depth FROM cpv_codes WHERE code = $1
         UNION ALL
         SELECT p.code, p.label, p.parent_code, up.depth + 1 FROM cpv_codes p JOIN up ON p.code = up.parent_code)
       SELECT code, label FROM up WHERE depth > 0 ORDER BY depth DESC`,
      [code],
    );
    return { ...toView(row), path };
  }

  async children(code: string, page: number, pageSize: number): Promise<Page<CpvCodeView>> {
    await this.get(code);
    const rows = await this.dataSource.query<CpvRow[]>(
      `SELECT ${VIEW}, count(*) OVER () AS total FROM cpv_codes c WHERE c.parent_code = $1 ORDER BY c.digits LIMIT $2 OFFSET $3`,
      [code, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  /** True when the code, check digit included, is in the list. */
  async exists(code: string): Promise<boolean> {
    if (!CPV_CODE.test(code)) return false;
    return (await this.dataSource.query<unknown[]>('SELECT 1 FROM cpv_codes WHERE code = $1', [code])).length > 0;
  }

  private assertCode(code: string): void {
    if (!CPV_CODE.test(code))
      throw new NotFoundException(
        `${code} is not a CPV code: expected eight digits, a dash and a check digit, e.g. 09310000-5.`,
      );
  }
}
