export type CpvLevel = 'division' | 'group' | 'class' | 'category' | 'subdivision';
