import type { EntityManager } from 'typeorm';

/**
 * One page of a query and the total it pages through, in one round trip (a window count); past
 * the last page, where no row carries the count, a plain count answers instead.
 */
export async function queryPage<Row>(
  manager: Pick<EntityManager, 'query'>,
  select: string,
  params: unknown[],
  orderBy: string,
  page: number,
  pageSize: number,
): Promise<{ rows: Row[]; total: number }> {
  const rows = await manager.query<(Row & { total__: string })[]>(
    `SELECT *, count(*) OVER () AS total__ FROM (${select}) AS paged
      ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  const total =
    rows.length > 0 || page === 1
      ? Number(rows[0]?.total__ ?? 0)
      : Number((await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${select}) AS counted`, params))[0].n);
  return {
    rows: rows.map((row) => {
      const rest: Partial<typeof row> = { ...row };
      delete rest.total__;
      return rest as Row;
    }),
    total,
  };
}
