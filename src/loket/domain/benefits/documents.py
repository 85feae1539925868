"""The documents checklist of each claim (domain notes §3, *Claim documents*)."""

from __future__ import annotations

from loket.domain.benefits.common import BenefitType
from loket.domain.benefits.jht import JhtReason

DOCUMENTS: dict[str, str] = {
    "kpj_card": "Kartu peserta (KPJ)",
    "death_certificate": "Akta/surat keterangan kematian",
    "heir_ktp": "KTP ahli waris",
    "participant_ktp": "KTP peserta",
    "family_card": "Kartu keluarga (KK)",
    "heir_statement": "Surat keterangan ahli waris",
    "bank_book": "Buku tabungan penerima",
    "accident_report": "Laporan kecelakaan kerja (pemberi kerja/kepolisian)",
    "birth_certificate": "Akta kelahiran anak",
    "school_statement": "Surat keterangan sekolah tahun berjalan",
    "disability_statement": "Surat keterangan dokter: cacat total tetap",
    "partial_disability_statement": "Surat keterangan dokter: cacat sebagian (jenis dan persen)",
    "stmb_statement": "Surat keterangan dokter: tidak mampu bekerja (STMB) sampai sembuh",
    "stop_work_proof": "Bukti berhenti bekerja",
    "leaving_proof": "Bukti pindah ke luar negeri (paspor/visa)",
    "npwp": "NPWP",
    "employer_statement": "Surat keterangan kepesertaan dari pemberi kerja (iuran PU/JAKON)",
    "arranger_ktp": "KTP pengurus pemakaman",
    "funeral_proof": "Bukti mengurus pemakaman (surat kelurahan/desa, kuitansi)",
    "no_heir_statement": "Surat keterangan tidak ada ahli waris (kelurahan/desa)",
}
JHT_NPWP_ABOVE = 50_000_000  # provisional: NPWP asked for larger balances (tax)

_DEATH = ("kpj_card", "death_certificate", "heir_ktp", "family_card", "heir_statement")
_OWN = ("kpj_card", "participant_ktp", "family_card")


def required_documents(
    benefit: BenefitType,
    *,
    with_scholarship: bool = False,
    jht_reason: JhtReason | None = None,
    jht_balance: int = 0,
    employer_paid: bool = False,
    funeral_arranger: bool = False,
) -> tuple[str, ...]:
    """The documents checklist for a claim (codes of :data:`DOCUMENTS`). ``employer_paid``:
    a PU or JAKON participant, whose membership the employer's statement shows.
    ``funeral_arranger``: no heir and no will — whoever arranged the funeral claims its cost."""
    docs: list[str]
    if funeral_arranger:
        docs = ["kpj_card", "death_certificate", "no_heir_statement", "arranger_ktp"]
        docs += ["funeral_proof", "bank_book"]
        if benefit is BenefitType.JKK:
            docs.append("accident_report")
    elif benefit is BenefitType.JKM:
        docs = [*_DEATH, "bank_book"]
    elif benefit is BenefitType.JKK:
        docs = [*_DEATH, "accident_report", "bank_book"]
    elif benefit is BenefitType.BEASISWA:
        docs = ["kpj_card", "family_card", "heir_ktp", "bank_book"]
    elif benefit is BenefitType.JKK_STMB:
        docs = [*_OWN, "accident_report", "stmb_statement", "bank_book"]
    elif benefit is BenefitType.JKK_TOTAL:
        docs = [*_OWN, "accident_report", "disability_statement", "bank_book"]
    elif benefit is BenefitType.JKK_PARTIAL:
        docs = [*_OWN, "accident_report", "partial_disability_statement", "bank_book"]
    else:
        if jht_reason is JhtReason.DEATH:
            docs = [*_DEATH, "bank_book"]
        else:
            docs = [*_OWN, "bank_book"]
            docs += {
                JhtReason.STOPPED_WORKING: ["stop_work_proof"],
                JhtReason.LEFT_COUNTRY: ["leaving_proof"],
                JhtReason.TOTAL_DISABILITY: ["disability_statement"],
            }.get(jht_reason, [])  # type: ignore[arg-type]
        if jht_balance > JHT_NPWP_ABOVE:
            docs.append("npwp")
    if with_scholarship or benefit is BenefitType.BEASISWA:
        docs += ["birth_certificate", "school_statement"]
    if employer_paid and benefit is not BenefitType.JHT:
        docs.append("employer_statement")
    return tuple(docs)


def paid_once_group(benefit: BenefitType, jht_reason: JhtReason | str = "") -> str | None:
    """Benefits a participant receives at most once, ever, by group: one death benefit
    (JKM or JKK death), one JHT full payout, one JHT partial payout, one permanent total
    disability. ``None``: may be paid again (STMB and partial disability per accident;
    scholarships are once per child, checked by name)."""
    if benefit in (BenefitType.JKM, BenefitType.JKK):
        return "death"
    if benefit is BenefitType.JKK_TOTAL:
        return "total_disability"
    if benefit is BenefitType.JHT:
        partial = jht_reason in (JhtReason.PARTIAL_RETIREMENT, JhtReason.PARTIAL_HOUSING)
        return "jht_partial" if partial else "jht_full"
    return None
