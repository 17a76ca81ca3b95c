import * as Y from 'yjs';
import { CollabClient, type CollabDocument, sectionFragment, sectionsOf } from '@consortio/shared/collab';
import type { CollabError, SpecificationView } from '@consortio/shared/contracts';
import { eventually } from './processes';
import { as, type SignedIn } from './sessions';

/** A headless co-editor for one person, collecting the errors the server sends it. */
export function collabClient(url: string, who: SignedIn, options: { resyncIntervalMs?: number } = {}) {
  const client = new CollabClient({
    url,
    token: () => who.token,
    organisationId: who.user.memberships[0]?.organisationId,
    transports: ['websocket'],
    resyncIntervalMs: options.resyncIntervalMs ?? 2_000,
    reconnectionDelayMs: 200,
  });
  const errors: (CollabError & { updateId?: string })[] = [];
  client.on('error', (error) => errors.push(error));
  return { client, errors };
}

/** The XmlText of a section's first paragraph, created if the section is empty. */
export function paragraphText(doc: Y.Doc, sectionId: string): Y.XmlText {
  const fragment = sectionFragment(doc, sectionId);
  let paragraph = fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  if (!paragraph) {
    paragraph = new Y.XmlElement('paragraph');
    fragment.insert(fragment.length, [paragraph]);
  }
  let text = paragraph.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText);
  if (!text) {
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
  }
  return text;
}

/** Types at the end of a section's first paragraph, one change per call. */
export function typeInto(document: CollabDocument, sectionId: string, text: string): void {
  const target = paragraphText(document.doc, sectionId);
  target.insert(target.length, text);
}

export function sectionText(doc: Y.Doc, sectionId: string): string {
  return sectionFragment(doc, sectionId).toString();
}

export function firstSectionId(doc: Y.Doc): string {
  const [first] = sectionsOf(doc);
  if (!first) throw new Error('the document has no sections');
  return first.id;
}

/** Waits until every document holds the same content. */
export async function converged(documents: CollabDocument[], timeoutMs: number): Promise<string> {
  return eventually(
    async () => {
      const states = documents.map((document) => Y.encodeStateVector(document.doc).toString());
      const texts = documents.map((document) =>
        sectionsOf(document.doc)
          .map((s) => sectionText(document.doc, s.id))
          .join('|'),
      );
      return states.every((state) => state === states[0]) && texts.every((text) => text === texts[0])
        ? texts[0]
        : undefined;
    },
    timeoutMs,
    `${documents.length} documents to converge`,
  );
}

export async function createSpecification(
  apiUrl: string,
  who: SignedIn,
  consortiumId: string,
  title: string,
  sharedWithObservers = false,
): Promise<SpecificationView> {
  const templates = (await (await as(who, apiUrl, '/api/v1/specification-templates')).json()) as {
    items: { id: string; key: string }[];
  };
  const template = templates.items.find((item) => item.key === 'smart-city-standard');
  if (!template) throw new Error('the standard template is missing');
  const response = await as(who, apiUrl, `/api/v1/consortia/${consortiumId}/specifications`, {
    method: 'POST',
    json: { title, templateId: template.id, sharedWithObservers },
  });
  if (response.status !== 201)
    throw new Error(`creating a specification answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SpecificationView;
}

/** The id of the demo consortium "E-Mobilität Oberbayern" (Musterstadt leads, Beispielheim member, ministry observes). */
export async function demoConsortiumId(apiUrl: string, who: SignedIn): Promise<string> {
  const page = (await (await as(who, apiUrl, '/api/v1/consortia/mine?pageSize=100')).json()) as {
    items: { id: string; name: string }[];
  };
  const consortium = page.items.find((item) => item.name === 'E-Mobilität Oberbayern');
  if (!consortium) throw new Error(`E-Mobilität Oberbayern not among ${JSON.stringify(page)}`);
  return consortium.id;
}
