/**
 * English is the reference language: its keys define `TranslationKey`, and every other
 * dictionary is typed against them so a missing or extra key fails the build.
 * Placeholders are written `{name}` and filled by `I18nService.t`.
 */
export const en = {
  'app.name': 'Consortio',
  'app.tagline': 'Joint procurement for municipalities',

  'shell.skipToContent': 'Skip to main content',
  'shell.openNavigation': 'Open navigation',
  'shell.closeNavigation': 'Close navigation',
  'shell.mainNavigation': 'Main navigation',
  'shell.language': 'Language',
  'shell.chooseLanguage': 'Choose language',

  'nav.home': 'Platform status',

  'status.up': 'Up',
  'status.down': 'Down',
  'status.pending': 'Pending',
  'status.unknown': 'Unknown',

  'notFound.title': 'Page not found',
  'notFound.body': 'The page you asked for does not exist or has moved.',
  'notFound.back': 'Go to the platform status',

  'home.title': 'Platform status',
  'home.intro': 'Whether Consortio and the services it depends on are working right now.',
  'home.overall': 'Overall status',
  'home.status.checking': 'Checking…',
  'home.status.operational': 'Operational',
  'home.status.degraded': 'Degraded',
  'home.status.unreachable': 'Unreachable',
  'home.lastChecked': 'Last checked {time}. Rechecked every 15 seconds.',
  'home.recheck': 'Check now',
  'home.version': 'Version',
  'home.uptime': 'Uptime',
  'home.dependencies': 'Dependencies',
  'home.dependency.database': 'Database',
  'home.dependency.redis': 'Redis',
  'home.latency': 'Latency',
  'home.latencyValue': '{ms} ms',
  'home.notMeasured': 'not measured',
  'home.reason': 'Reason',

  'probes.title': 'Round-trip check',
  'probes.intro':
    'Sends a probe through the whole asynchronous path: API, outbox, queue, worker, database and live update.',
  'probes.note': 'Note (optional)',
  'probes.noteHint': '{count} of {max} characters',
  'probes.run': 'Run round-trip check',
  'probes.running': 'Sending…',
  'probes.latestPending': 'Probe {id} is pending: waiting for a worker…',
  'probes.latestCompleted': 'Probe {id} completed in {ms} ms by {worker}.',
  'probes.live.idle': 'Live updates: not connected',
  'probes.live.connecting': 'Live updates: connecting…',
  'probes.live.live': 'Live updates: connected',
  'probes.live.offline': 'Live updates: offline, the list is refreshed on request',
  'probes.recent': 'Recent probes',
  'probes.empty': 'No probes yet.',
  'probes.col.requestedAt': 'Requested',
  'probes.col.note': 'Note',
  'probes.col.status': 'Status',
  'probes.col.roundTrip': 'Round trip',
  'probes.col.worker': 'Worker',
  'probes.status.pending': 'Pending',
  'probes.status.completed': 'Completed',
  'probes.paginator': 'Pages of recent probes',
  'probes.reload': 'Reload list',

  'paginator.itemsPerPage': 'Items per page',
  'paginator.nextPage': 'Next page',
  'paginator.previousPage': 'Previous page',
  'paginator.firstPage': 'First page',
  'paginator.lastPage': 'Last page',
  'paginator.range': '{start} – {end} of {total}',
  'paginator.rangeEmpty': '0 of {total}',

  'errors.network': 'The server cannot be reached. Check your connection and try again.',
  'errors.unexpected': 'Something went wrong (HTTP {status}). Please try again.',
} as const satisfies Record<string, string>;
