import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-agency de-duplication. A case is a 1212 complaint or a case a partner
 * shared; its identifiers are kept only as keyed hashes (the blind index) with a
 * masked display form. Cases sharing a strong identifier carry one cluster id.
 */
export class Matching1795417200000 implements MigrationInterface {
  name = 'Matching1795417200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE match_case (
        id uuid PRIMARY KEY,
        holder varchar(40) NOT NULL,
        case_ref text NOT NULL,
        complaint_id uuid REFERENCES complaint (id),
        category text NOT NULL,
        sub_category text,
        reported_at timestamptz NOT NULL,
        cluster_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT match_case_once UNIQUE (holder, case_ref)
      )`);
    await queryRunner.query(`CREATE INDEX match_case_cluster ON match_case (cluster_id)`);
    // Partial: partner-shared cases (most of the table, in time) have no complaint and need no entry.
    await queryRunner.query(`CREATE UNIQUE INDEX match_case_complaint ON match_case (complaint_id) WHERE complaint_id IS NOT NULL`);

    // No raw value: the keyed hash, its kind and a masked form. 'linking' is false once staff split it off.
    await queryRunner.query(`
      CREATE TABLE match_identifier (
        case_id uuid NOT NULL REFERENCES match_case (id) ON DELETE CASCADE,
        blind_index bytea NOT NULL CHECK (octet_length(blind_index) = 32),
        kind text NOT NULL,
        strength text NOT NULL CHECK (strength IN ('strong', 'weak')),
        masked text NOT NULL,
        linking boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, blind_index)
      )`);
    // A B-tree, not a hash index: a scammer reported thousands of times is thousands of equal keys, which a B-tree
    // stores deduplicated and a hash index chains through overflow pages on every insert.
    await queryRunner.query(`CREATE INDEX match_identifier_lookup ON match_identifier (blind_index)`);

    // The agencies holding each cluster (1212, sharers, agencies complaints were referred to), kept as cases
    // arrive: a notice is due when this set changes, which is then known without reading the whole cluster.
    await queryRunner.query(`
      CREATE TABLE match_cluster_agency (
        cluster_id uuid NOT NULL,
        agency varchar(40) NOT NULL,
        PRIMARY KEY (cluster_id, agency)
      )`);

    // Clusters whose set of agencies changed, waiting for the notifier (which coalesces changes into one notice each).
    await queryRunner.query(`CREATE TABLE match_notice_due (cluster_id uuid PRIMARY KEY, due_since timestamptz NOT NULL DEFAULT now())`);

    // Staff splits: this case's identifier must not link it (it stays after the case is re-sent or edited).
    await queryRunner.query(`
      CREATE TABLE match_split (
        case_id uuid NOT NULL REFERENCES match_case (id) ON DELETE CASCADE,
        blind_index bytea NOT NULL,
        split_by text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, blind_index)
      )`);

    await queryRunner.query(`
      CREATE TABLE match_notice (
        id uuid PRIMARY KEY,
        recipient varchar(40) NOT NULL REFERENCES partner (id),
        cluster_id uuid NOT NULL,
        case_id uuid NOT NULL REFERENCES match_case (id) ON DELETE CASCADE,
        referral_id uuid,
        jws text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        feed_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX match_notice_recipient ON match_notice (recipient, feed_seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['match_notice', 'match_notice_due', 'match_split', 'match_cluster_agency', 'match_identifier', 'match_case']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
