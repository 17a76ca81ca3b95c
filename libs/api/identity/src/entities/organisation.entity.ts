import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind, OrganisationView, VerificationStatus } from '@consortio/shared/contracts';

@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: OrganisationKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ name: 'nuts_code', type: 'text', nullable: true }) nutsCode!: string | null;
  @Column({ type: 'integer', nullable: true }) population!: number | null;
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail!: string | null;
  @Column({ type: 'text', nullable: true }) jurisdiction!: string | null;
  @Column({ name: 'vat_number', type: 'text', nullable: true }) vatNumber!: string | null;
  @Column({ type: 'text' }) verification!: VerificationStatus;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ name: 'verified_by', type: 'uuid', nullable: true }) verifiedBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export function toOrganisationView(organisation: Organisation): OrganisationView {
  return {
    id: organisation.id,
    kind: organisation.kind,
    name: organisation.name,
    country: organisation.country,
    nutsCode: organisation.nutsCode,
    population: organisation.population,
    contactEmail: organisation.contactEmail,
    jurisdiction: organisation.jurisdiction,
    vatNumber: organisation.vatNumber,
    verification: organisation.verification,
    createdAt: organisation.createdAt.toISOString(),
  };
}
