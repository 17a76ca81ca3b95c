export * from './money';
export * from './cpv';
