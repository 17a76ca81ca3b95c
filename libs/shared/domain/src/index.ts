export * from './money';
export * from './cpv';
export * from './cost-shares';
export * from './thresholds';
export * from './procedure-advice';
