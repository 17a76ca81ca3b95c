import type { CpvCodeDetail, CpvCodeView, Page, ProblemDetails } from '@consortio/shared/contracts';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';

describe('CPV search and tree over HTTP (demo codes)', () => {
  let api: ApiProcess;

  beforeAll(async () => {
    api = await startApi(platformEnv());
  });

  afterAll(() => api?.stop());

  const get = async <T>(path: string) => {
    const response = await fetch(`${api.url}/api/v1${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  it('finds codes by words and by prefix, paged', async () => {
    const words = await get<Page<CpvCodeView>>('/cpv?q=solar%20pan');
    expect(words.body.items.map((item) => item.code)).toEqual(['09331000-8']);
    const prefix = await get<Page<CpvCodeView>>('/cpv?q=0933&pageSize=1');
    expect(prefix.body).toMatchObject({
      total: 2,
      pageSize: 1,
      items: [{ code: '09330000-1', level: 'class', children: 1 }],
    });
  });

  it('shows a code with its path and its children', async () => {
    const detail = await get<CpvCodeDetail>('/cpv/34144900-7');
    expect(detail.body.path.map((step) => step.code)).toEqual(['34000000-7', '34100000-8', '34140000-0', '34144000-8']);
    const children = await get<Page<CpvCodeView>>('/cpv/09300000-2/children');
    expect(children.body.items.map((item) => item.code)).toEqual(['09310000-5', '09330000-1']);
  });

  it('answers unknown codes, wrong check digits and too short queries with problem+json', async () => {
    const wrongDigit = await get<ProblemDetails>('/cpv/09310000-4');
    expect(wrongDigit.status).toBe(404);
    expect(wrongDigit.body.detail).toContain('check digit');
    const tooShort = await get<ProblemDetails>('/cpv?q=s');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toEqual([{ field: 'q', message: 'q must be at least 2 characters' }]);
  });
});
