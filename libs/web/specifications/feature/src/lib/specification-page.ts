import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { Editor } from '@tiptap/core';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  CollabClient,
  type CollabDocument,
  type CollabStatus,
  sectionFragment,
  sectionsOf,
} from '@consortio/shared/collab';
import {
  type ClauseView,
  type CommentThreadView,
  consortiumChannel,
  type Page,
  type SectionActivityView,
  type SectionDiffView,
  type VersionDiffView,
  type ExportFormat,
  type PersonRef,
  type PresenceEntry,
  SECTIONS_ARRAY,
  type SectionApprovalView,
  type SpecificationExportView,
  type SpecificationSectionView,
  type SpecificationVersionView,
  type SpecificationView,
} from '@consortio/shared/contracts';
import { personColour } from '@consortio/shared/domain';
import {
  API_BASE_URL,
  asApiError,
  EVENTS_SOCKET_FACTORY,
  type EventsSocket,
  errorSentence,
  I18nService,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { SpecificationsApi } from '@consortio/web/specifications/data-access';
import { anchorOfSelection, selectAnchor } from './passage-anchor';
import { MentionPicker } from './mention-picker';
import { SectionEditor } from './section-editor';

/**
 * A specification written together: one editor per section bound to the shared Yjs document,
 * who is here, whether every change is stored, and beside the text the clause library,
 * versions, approvals and exports. Edits made offline stay in this browser (IndexedDB) and are
 * sent when the connection is back, also after a reload.
 */
@Component({
  selector: 'cs-specification-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTabsModule,
    TranslatePipe,
    SectionEditor,
    MentionPicker,
  ],
  templateUrl: './specification-page.html',
  styleUrl: './specification-page.scss',
})
export class SpecificationPage {
  private readonly api = inject(SpecificationsApi);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly origin = inject(API_BASE_URL);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('specificationId') ?? '';

  protected readonly doc = new Y.Doc();
  protected readonly specification = signal<SpecificationView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly sections = signal<SpecificationSectionView[]>([]);
  protected readonly presence = signal<PresenceEntry[]>([]);
  protected readonly status = signal<CollabStatus>('connecting');
  protected readonly unacknowledged = signal(0);
  protected readonly collab = signal<CollabDocument | null>(null);
  protected readonly clauses = signal<ClauseView[]>([]);
  protected readonly versions = signal<SpecificationVersionView[]>([]);
  protected readonly approvals = signal<SectionApprovalView[]>([]);
  protected readonly exports = signal<SpecificationExportView[]>([]);
  protected readonly panelMessage = signal<string | null>(null);
  protected readonly joined = signal(false);
  /** Until the server answers (say, offline after a reload) what the HTTP view said stands. */
  protected readonly readOnly = computed(
    () => this.specification()?.access === 'read' || (this.joined() && this.collab()?.access === 'read'),
  );
  protected readonly saveState = computed((): { key: TranslationKey; waiting: number } => {
    const waiting = this.unacknowledged();
    if (this.status() !== 'connected') return { key: 'spec.status.offline', waiting };
    return waiting > 0 ? { key: 'spec.status.saving', waiting } : { key: 'spec.status.saved', waiting };
  });
  protected readonly me = computed(() => {
    const user = this.session.user();
    return { name: user?.displayName ?? '', color: personColour(user?.id ?? '') };
  });

  protected readonly threads = signal<Page<CommentThreadView> | null>(null);
  protected readonly mentions = signal<PersonRef[]>([]);
  protected readonly specificationId = this.id;
  protected readonly diff = signal<VersionDiffView | null>(null);
  protected readonly activity = signal<SectionActivityView[] | null>(null);
  protected readonly commentForm = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(10_000)] }),
  });
  protected readonly replyForm = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(10_000)] }),
  });
  protected readonly replyingTo = signal<string | null>(null);

  protected readonly versionForm = new FormGroup({
    label: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
  });

  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  private events: EventsSocket | null = null;
  private client: CollabClient | null = null;
  private persistence: IndexeddbPersistence | null = null;
  private lastEditor: Editor | null = null;
  private lastSectionId: string | null = null;
  private readonly editors = new Map<string, Editor>();

  constructor() {
    const sectionsArray = this.doc.getArray(SECTIONS_ARRAY);
    // Yjs calls back from inside editor transactions, which may run during change detection: write signals after it.
    const refresh = () => queueMicrotask(() => this.sections.set(sectionsOf(this.doc)));
    sectionsArray.observe(refresh);
    void this.start();
    inject(DestroyRef).onDestroy(() => {
      sectionsArray.unobserve(refresh);
      this.client?.disconnect();
      this.events?.disconnect();
      void this.persistence?.destroy();
      this.doc.destroy();
    });
  }

  protected fragment(sectionId: string): Y.XmlFragment {
    return sectionFragment(this.doc, sectionId);
  }

  protected awareness() {
    return this.collab()?.awareness ?? null;
  }

  protected rememberEditor(sectionId: string, editor: Editor): void {
    this.lastEditor = editor;
    this.lastSectionId = sectionId;
    this.editors.set(sectionId, editor);
  }

  protected insertClause(clause: ClauseView): void {
    const editor = this.lastEditor;
    if (!editor || this.readOnly()) {
      this.panelMessage.set(this.i18n.t('spec.clauses.chooseSection'));
      return;
    }
    editor.chain().focus().insertContent(clause.body).run();
    void this.announcer.announce(this.i18n.t('spec.clauses.inserted', { title: clause.title }));
  }

  protected async createVersion(): Promise<void> {
    if (this.versionForm.invalid) return;
    try {
      await this.collab()?.flushed();
      await this.api.createVersion(this.id, this.versionForm.getRawValue().label);
      this.versionForm.reset();
      this.versions.set((await this.api.versions(this.id)).items);
      void this.announcer.announce(this.i18n.t('spec.versions.created'));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected readonly diffStatusLabel: Record<SectionDiffView['status'], TranslationKey> = {
    added: 'spec.diff.added',
    removed: 'spec.diff.removed',
    changed: 'spec.diff.changed',
    unchanged: 'spec.diff.unchanged',
  };

  protected changedSections(diff: VersionDiffView): SectionDiffView[] {
    return diff.sections.filter((section) => section.status !== 'unchanged');
  }

  protected sectionTitle(sectionId: string): string {
    return this.sections().find((section) => section.id === sectionId)?.title ?? '';
  }

  /** Comments on the passage selected in the section last worked in (or on the section as a whole). */
  protected async addComment(): Promise<void> {
    const sectionId = this.lastSectionId;
    if (!sectionId || this.commentForm.invalid) {
      this.panelMessage.set(this.i18n.t('spec.comments.chooseSection'));
      return;
    }
    const passage = this.lastEditor ? anchorOfSelection(this.lastEditor) : null;
    try {
      await this.api.comment(this.id, {
        sectionId,
        body: this.commentForm.getRawValue().body,
        mentions: this.mentions().map((person) => person.userId),
        ...(passage ? { anchor: passage.anchor, quote: passage.quote } : {}),
      });
      this.commentForm.reset();
      this.mentions.set([]);
      await this.loadThreads();
      void this.announcer.announce(this.i18n.t('spec.comments.added'));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async reply(thread: CommentThreadView): Promise<void> {
    if (this.replyForm.invalid) return;
    try {
      await this.api.comment(this.id, {
        sectionId: thread.sectionId,
        parentId: thread.id,
        body: this.replyForm.getRawValue().body,
      });
      this.replyForm.reset();
      this.replyingTo.set(null);
      await this.loadThreads();
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async resolve(thread: CommentThreadView, resolved: boolean): Promise<void> {
    try {
      await this.api.resolveComment(this.id, thread.id, resolved);
      await this.loadThreads();
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  /** Selects the passage a comment is anchored to, in its section's editor. */
  protected showPassage(thread: CommentThreadView): void {
    const editor = this.editors.get(thread.sectionId);
    const found = editor && thread.anchor ? selectAnchor(editor, thread.anchor) : false;
    if (!found) {
      document.getElementById(`section-${thread.sectionId}`)?.scrollIntoView();
      this.panelMessage.set(this.i18n.t('spec.comments.passageGone'));
    }
  }

  protected async compare(version: SpecificationVersionView): Promise<void> {
    try {
      this.diff.set(await this.api.diff(this.id, version.id, 'current'));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async loadActivity(): Promise<void> {
    try {
      this.activity.set(await this.api.activity(this.id));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected turnThreads(event: PageEvent): void {
    void this.loadThreads(event.pageIndex + 1, event.pageSize);
  }

  private async loadThreads(
    page = this.threads()?.page ?? 1,
    pageSize = this.threads()?.pageSize ?? 20,
  ): Promise<void> {
    this.threads.set(await this.api.comments(this.id, null, page, pageSize));
  }

  protected async restore(version: SpecificationVersionView): Promise<void> {
    try {
      await this.api.restore(this.id, version.id);
      void this.announcer.announce(this.i18n.t('spec.versions.restored', { label: version.label }));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected approvalsOf(sectionId: string): SectionApprovalView[] {
    return this.approvals().filter((approval) => approval.sectionId === sectionId);
  }

  protected async approve(sectionId: string): Promise<void> {
    try {
      await this.collab()?.flushed();
      this.approvals.set(await this.api.approve(this.id, sectionId));
      void this.announcer.announce(this.i18n.t('spec.approvals.done'));
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async export(format: ExportFormat): Promise<void> {
    try {
      await this.collab()?.flushed();
      const requested = await this.api.requestExport(this.id, format);
      this.showExport(requested);
    } catch (error) {
      this.panelMessage.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async download(view: SpecificationExportView): Promise<void> {
    if (!view.downloadUrl) return;
    const blob = await this.api.download(view.downloadUrl);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = view.fileName ?? `specification.${view.format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  /** An export as it stands now (requested, or as the worker reports it live), announced when it ends. */
  private showExport(view: SpecificationExportView): void {
    const known = this.exports().find((item) => item.id === view.id);
    if (known && known.progress > view.progress && view.status === 'running') return; // an older report, late
    this.exports.update((list) => (known ? list.map((item) => (item.id === view.id ? view : item)) : [view, ...list]));
    if (known && known.status !== view.status && (view.status === 'done' || view.status === 'failed')) {
      void this.announcer.announce(
        this.i18n.t(view.status === 'done' ? 'spec.export.done' : 'spec.export.failed', { format: view.format }),
      );
    }
  }

  /** Progress of exports comes live on the consortium's channel; on every (re)connection the list is read again. */
  private listenToExports(consortiumId: string): void {
    const socket = this.eventsSocket();
    this.events = socket;
    socket.on('connect', () => {
      socket.emit('subscribe', { channel: consortiumChannel(consortiumId) }, () => undefined);
      void this.api.exports(this.id).then((page) => page.items.forEach((item) => this.showExport(item)));
    });
    socket.on('specification.export', (view) => {
      if (view.specificationId === this.id) this.showExport(view);
    });
  }

  private async start(): Promise<void> {
    // Whatever this browser kept (also edits made offline) is there before the server answers.
    this.persistence = new IndexeddbPersistence(`consortio-specification-${this.id}`, this.doc);
    await this.persistence.whenSynced;
    this.sections.set(sectionsOf(this.doc));
    const session = this.session;
    this.client = new CollabClient({
      url: this.origin,
      token: async () => (session.socketAuth()['token'] as string | undefined) ?? (await session.refresh()) ?? '',
      organisationId: session.actingOrganisationId() ?? undefined,
      transports: ['websocket', 'polling'],
      followBrowserNetwork: true,
    });
    this.client.on('status', (status) => this.status.set(status));
    this.client.on('error', (error) => {
      if (error.code === 'forbidden' || error.code === 'not-found' || error.code === 'read-only')
        this.error.set(error.error);
    });
    const collab = this.client.attach(this.id, this.doc);
    this.collab.set(collab);
    collab.on('presence', (people) => this.presence.set(people));
    // Counted while an editor transaction runs, which may be inside change detection: shown right after.
    collab.on('unacknowledged', (count) => queueMicrotask(() => this.unacknowledged.set(count)));
    collab.on('synced', () => this.joined.set(true));
    collab.joinedOnce.catch((error: Error) => this.error.set(error.message));
    try {
      const [specification] = await Promise.all([this.api.get(this.id), this.loadPanels()]);
      this.specification.set(specification);
      this.listenToExports(specification.consortiumId);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadPanels(): Promise<void> {
    const [clauses, versions, approvals] = await Promise.all([
      this.api.clauses({ pageSize: 50 }),
      this.api.versions(this.id),
      this.api.approvals(this.id),
      this.loadThreads(),
    ]);
    this.clauses.set(clauses.items);
    this.versions.set(versions.items);
    this.approvals.set(approvals);
  }
}
