import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More of the warning list's seed (issue 23): the call-centre landlines and web sites of the other Thai banks, the
 * Bank of Thailand's and the SEC's, and the police's first online-reporting site. Victims quote them ("they said they
 * were from Krungsri, 02-626-2626"), and each would link every case that quotes it. The four-digit short numbers
 * (1572, 1428, 1115, …) need no entry: a four-digit service number is never a phone identifier.
 *
 * An entry is added only where the list has never held the value: one an admin removed stays removed. Cases written
 * before this migration keep their links until `npm run matching:reindex`, which applies the list to them.
 */
const SEED: ReadonlyArray<readonly [kind: string, value: string, label: string, source: string]> = [
  ['phone', '+6626262626', 'Krungsri Call Center ธนาคารกรุงศรีอยุธยา 02-626-2626 (1572)', 'https://www.krungsri.com'],
  ['phone', '+6622991111', 'ttb contact center ธนาคารทหารไทยธนชาต 02-299-1111 (1428)', 'https://www.ttbbank.com'],
  ['phone', '+6622998000', 'GSB Contact Center ธนาคารออมสิน 02-299-8000 (1115)', 'https://www.gsb.or.th'],
  ['phone', '+6625550555', 'BAAC Call Center ธ.ก.ส. 02-555-0555', 'https://www.baac.or.th'],
  ['phone', '+6626459000', 'GHB Call Center ธนาคารอาคารสงเคราะห์ 02-645-9000', 'https://www.ghbank.co.th'],
  ['phone', '+6626267777', 'CIMB Thai Call Center ธนาคารซีไอเอ็มบี ไทย 02-626-7777', 'https://www.cimbthai.com'],
  ['phone', '+6622851555', 'UOB Call Center ธนาคารยูโอบี 02-285-1555', 'https://www.uob.co.th'],
  ['phone', '+6621655555', 'KKP Contact Center ธนาคารเกียรตินาคินภัทร 02-165-5555', 'https://www.kkpfg.com'],
  ['phone', '+6626336000', 'TISCO Call Center ธนาคารทิสโก้ 02-633-6000', 'https://www.tisco.co.th'],
  ['phone', '+6623590000', 'LH Bank Call Center ธนาคารแลนด์ แอนด์ เฮ้าส์ 02-359-0000 (1327)', 'https://www.lhbank.co.th'],
  ['phone', '+6627222222', 'SCB Business Call Center ธนาคารไทยพาณิชย์ 02-722-2222', 'https://www.scb.co.th'],
  ['phone', '+6628888822', 'K-BIZ Contact Center ธนาคารกสิกรไทย 02-888-8822', 'https://www.kasikornbank.com'],
  ['phone', '+6622835353', 'BOT Contact Center ธนาคารแห่งประเทศไทย 02-283-5353 (1213)', 'https://www.bot.or.th'],
  ['url', 'uob.co.th', 'ธนาคารยูโอบี (UOB)', 'https://www.uob.co.th'],
  ['url', 'cimbthai.com', 'ธนาคารซีไอเอ็มบี ไทย (CIMB Thai)', 'https://www.cimbthai.com'],
  ['url', 'kkpfg.com', 'ธนาคารเกียรตินาคินภัทร (KKP)', 'https://www.kkpfg.com'],
  ['url', 'tisco.co.th', 'ธนาคารทิสโก้ (TISCO)', 'https://www.tisco.co.th'],
  ['url', 'lhbank.co.th', 'ธนาคารแลนด์ แอนด์ เฮ้าส์ (LH Bank)', 'https://www.lhbank.co.th'],
  ['url', 'baac.or.th', 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (BAAC)', 'https://www.baac.or.th'],
  ['url', 'ghbank.co.th', 'ธนาคารอาคารสงเคราะห์ (GHB)', 'https://www.ghbank.co.th'],
  ['url', 'icbcthai.com', 'ธนาคารไอซีบีซี (ไทย) (ICBC Thai)', 'https://www.icbcthai.com'],
  ['url', 'ibank.co.th', 'ธนาคารอิสลามแห่งประเทศไทย (IBank)', 'https://www.ibank.co.th'],
  ['url', 'smebank.co.th', 'ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย (SME D Bank)', 'https://www.smebank.co.th'],
  ['url', 'sec.or.th', 'สำนักงานคณะกรรมการกำกับหลักทรัพย์และตลาดหลักทรัพย์ (SEC)', 'https://www.sec.or.th'],
  ['url', 'thaipoliceonline.com', 'ระบบแจ้งความออนไลน์ของตำรวจ (the police\'s online reporting, before thaipoliceonline.go.th)', 'https://thaipoliceonline.go.th'],
];

export class WarningListCallCentres1795500000000 implements MigrationInterface {
  name = 'WarningListCallCentres1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [kind, value, label, source] of SEED) {
      await queryRunner.query(
        `INSERT INTO match_warning_entry (kind, value, scope, label, source, created_by)
         SELECT $1, $2, 'exact', $3, $4, 'migration' WHERE NOT EXISTS (SELECT 1 FROM match_warning_entry WHERE kind = $1 AND value = $2)`,
        [kind, value, label, source],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [kind, value] of SEED) {
      await queryRunner.query(`DELETE FROM match_warning_entry WHERE kind = $1 AND value = $2 AND created_by = 'migration' AND removed_at IS NULL`, [kind, value]);
    }
  }
}
