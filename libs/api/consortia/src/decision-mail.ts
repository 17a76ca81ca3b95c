import type { MailTemplate } from '@consortio/api/platform/mail';

export const decisionClosedMail: MailTemplate<{
  consortium: string;
  title: string;
  outcome: 'adopted' | 'no-majority' | 'no-quorum';
  winner: string | null;
  counts: string;
  link: string;
}> = {
  en: (p) => ({
    subject: `Decision closed in ${p.consortium}: ${p.title}`,
    text:
      `Voting on "${p.title}" in ${p.consortium} has closed.\n\n` +
      (p.outcome === 'adopted'
        ? `Result: adopted, "${p.winner}".\n`
        : p.outcome === 'no-quorum'
          ? 'Result: not enough members voted (no quorum); nothing was decided.\n'
          : 'Result: no option reached the required majority; nothing was decided.\n') +
      `Votes: ${p.counts}\n\nSee the decision: ${p.link}\n`,
  }),
  de: (p) => ({
    subject: `Beschluss in ${p.consortium} abgeschlossen: ${p.title}`,
    text:
      `Die Abstimmung über „${p.title}“ in ${p.consortium} ist beendet.\n\n` +
      (p.outcome === 'adopted'
        ? `Ergebnis: angenommen, „${p.winner}“.\n`
        : p.outcome === 'no-quorum'
          ? 'Ergebnis: zu wenige Mitglieder haben abgestimmt (nicht beschlussfähig); es wurde nichts beschlossen.\n'
          : 'Ergebnis: keine Option hat die nötige Mehrheit erreicht; es wurde nichts beschlossen.\n') +
      `Stimmen: ${p.counts}\n\nZum Beschluss: ${p.link}\n`,
  }),
};
