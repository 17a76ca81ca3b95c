import type { Dictionary } from './dictionary';

export const de: Dictionary = {
  'app.name': 'Consortio',
  'app.tagline': 'Gemeinsame Beschaffung für Kommunen',

  'shell.skipToContent': 'Zum Hauptinhalt springen',
  'shell.openNavigation': 'Navigation öffnen',
  'shell.closeNavigation': 'Navigation schließen',
  'shell.mainNavigation': 'Hauptnavigation',
  'shell.language': 'Sprache',
  'shell.chooseLanguage': 'Sprache wählen',

  'nav.home': 'Plattformstatus',

  'status.up': 'In Betrieb',
  'status.down': 'Ausgefallen',
  'status.pending': 'Ausstehend',
  'status.unknown': 'Unbekannt',

  'notFound.title': 'Seite nicht gefunden',
  'notFound.body':
    'Die angeforderte Seite gibt es nicht oder sie wurde verschoben.',
  'notFound.back': 'Zum Plattformstatus',

  'home.title': 'Plattformstatus',
  'home.intro':
    'Ob Consortio und die Dienste, von denen es abhängt, gerade funktionieren.',
  'home.overall': 'Gesamtstatus',
  'home.status.checking': 'Wird geprüft…',
  'home.status.operational': 'Betriebsbereit',
  'home.status.degraded': 'Eingeschränkt',
  'home.status.unreachable': 'Nicht erreichbar',
  'home.lastChecked':
    'Zuletzt geprüft {time}. Erneute Prüfung alle 15 Sekunden.',
  'home.recheck': 'Jetzt prüfen',
  'home.version': 'Version',
  'home.uptime': 'Laufzeit',
  'home.dependencies': 'Abhängigkeiten',
  'home.dependency.database': 'Datenbank',
  'home.dependency.redis': 'Redis',
  'home.latency': 'Latenz',
  'home.latencyValue': '{ms} ms',
  'home.notMeasured': 'nicht gemessen',
  'home.reason': 'Grund',

  'probes.title': 'Rundlauf-Prüfung',
  'probes.intro':
    'Schickt eine Prüfung durch den gesamten asynchronen Pfad: API, Outbox, Warteschlange, Worker, Datenbank und Live-Aktualisierung.',
  'probes.note': 'Notiz (optional)',
  'probes.noteHint': '{count} von {max} Zeichen',
  'probes.run': 'Rundlauf-Prüfung starten',
  'probes.running': 'Wird gesendet…',
  'probes.latestPending':
    'Prüfung {id} ist ausstehend: wartet auf einen Worker…',
  'probes.latestCompleted':
    'Prüfung {id} wurde in {ms} ms von {worker} abgeschlossen.',
  'probes.live.idle': 'Live-Aktualisierung: nicht verbunden',
  'probes.live.connecting': 'Live-Aktualisierung: wird verbunden…',
  'probes.live.live': 'Live-Aktualisierung: verbunden',
  'probes.live.offline':
    'Live-Aktualisierung: offline, die Liste wird auf Anfrage aktualisiert',
  'probes.recent': 'Letzte Prüfungen',
  'probes.empty': 'Noch keine Prüfungen.',
  'probes.col.requestedAt': 'Angefordert',
  'probes.col.note': 'Notiz',
  'probes.col.status': 'Status',
  'probes.col.roundTrip': 'Rundlaufzeit',
  'probes.col.worker': 'Worker',
  'probes.status.pending': 'Ausstehend',
  'probes.status.completed': 'Abgeschlossen',
  'probes.paginator': 'Seiten der letzten Prüfungen',
  'probes.reload': 'Liste neu laden',

  'paginator.itemsPerPage': 'Einträge pro Seite',
  'paginator.nextPage': 'Nächste Seite',
  'paginator.previousPage': 'Vorherige Seite',
  'paginator.firstPage': 'Erste Seite',
  'paginator.lastPage': 'Letzte Seite',
  'paginator.range': '{start} – {end} von {total}',
  'paginator.rangeEmpty': '0 von {total}',

  'errors.network':
    'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'errors.unexpected':
    'Etwas ist schiefgegangen (HTTP {status}). Bitte versuchen Sie es erneut.',
};
