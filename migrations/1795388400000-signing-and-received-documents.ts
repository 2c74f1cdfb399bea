import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hub's signing keys (private parts sealed under the master key) and the store of signed documents received from partners. */
export class SigningAndReceivedDocuments1795388400000 implements MigrationInterface {
  name = 'SigningAndReceivedDocuments1795388400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_signing_key (
        kid varchar(43) PRIMARY KEY,
        public_jwk jsonb NOT NULL CHECK (NOT (public_jwk ?| ARRAY['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])),
        sealed_private_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        verify_until timestamptz,
        CONSTRAINT hub_signing_key_retirement_consistent CHECK ((status = 'retired') = (retired_at IS NOT NULL))
      )`);
    // At most one key signs at a time.
    await queryRunner.query(`CREATE UNIQUE INDEX hub_signing_key_one_active ON hub_signing_key (status) WHERE status = 'active'`);

    await queryRunner.query(`
      CREATE TABLE received_document (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sender varchar(40) NOT NULL REFERENCES partner (id),
        purpose text NOT NULL CHECK (purpose IN ('live', 'conformance')),
        document_id uuid NOT NULL,
        document_type text NOT NULL,
        kid varchar(128) NOT NULL,
        jws text NOT NULL,
        jws_sha256 char(64) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT received_document_once UNIQUE (sender, purpose, document_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE received_document`);
    await queryRunner.query(`DROP TABLE hub_signing_key`);
  }
}
