<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../src/loket/app.py" line="111"/>
        <location filename="../../src/loket/app.py" line="143"/>
        <source>Loket tidak dapat dibuka</source>
        <translation>Loket cannot be opened</translation>
    </message>
</context>
<context>
    <name>ApprovalDossier</name>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="108"/>
        <source>Pembatalan kuitansi {number} ({total}), diminta {who}: {reason}</source>
        <translation>Void of receipt {number} ({total}), asked by {who}: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="129"/>
        <source>Peserta: {name} (KPJ {kpj}) · kejadian {date}: {cause}</source>
        <translation>Participant: {name} (KPJ {kpj}) · event {date}: {cause}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="141"/>
        <source>Komponen</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="142"/>
        <source>Hak</source>
        <translation>Entitlement</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="143"/>
        <source>Dibayar sekarang</source>
        <translation>Paid now</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="144"/>
        <source>Dasar</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="159"/>
        <location filename="../../src/loket/ui/approval_dossier.py" line="203"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="165"/>
        <source>Manfaat</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="167"/>
        <source>Penerima</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="171"/>
        <source>{name} ({relation}), NIK {nik} — ke rekening {bank} {account} a.n. {holder}</source>
        <translation>{name} ({relation}), NIK {nik} — to account {bank} {account} in the name of {holder}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="185"/>
        <source>Ahli waris tercatat</source>
        <translation>Heirs on record</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="185"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="185"/>
        <source>Lahir</source>
        <translation>Born</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="200"/>
        <source>Anak</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="201"/>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="202"/>
        <source>Jenjang</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="211"/>
        <source>Jadwal beasiswa</source>
        <translation>Scholarship schedule</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="212"/>
        <source>Dokumen (dicentang petugas)</source>
        <translation>Documents (as ticked by the staff)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="214"/>
        <source>belum ada</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="217"/>
        <source>Fakta kelayakan</source>
        <translation>Eligibility facts</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="219"/>
        <source>Riwayat dan catatan petugas</source>
        <translation>History and staff notes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="227"/>
        <source>(tidak ada catatan)</source>
        <translation>(no notes)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/approval_dossier.py" line="235"/>
        <source>%n bulan iuran dibayar ({first} s.d. {last})</source>
        <translation>
            <numerusform>%n month of dues paid ({first} to {last})</numerusform>
            <numerusform>%n months of dues paid ({first} to {last})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="239"/>
        <source>belum ada iuran dibayar</source>
        <translation>no dues paid yet</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="242"/>
        <source>✓ bulan kejadian tertanggung iuran</source>
        <translation>✓ the month of the event is covered by dues</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="244"/>
        <source>✗ bulan kejadian TIDAK tertanggung iuran</source>
        <translation>✗ the month of the event is NOT covered by dues</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="247"/>
        <source>Segmen {segment}, terdaftar {date}</source>
        <translation>Segment {segment}, registered {date}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="255"/>
        <source>Pengecualian disetujui {who} pada {at}: {what}</source>
        <translation>Exception approved by {who} at {at}: {what}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="258"/>
        <source>tanggal lahir berbeda dari NIK ({date})</source>
        <translation>birth date other than the NIK&apos;s ({date})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="267"/>
        <source>pengurus pemakaman, tidak ada ahli waris</source>
        <translation>arranged the funeral, no heir</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="275"/>
        <source>Data</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="275"/>
        <source>Sebelum</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="275"/>
        <source>Sesudah</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="284"/>
        <source>Perubahan data {name} (KPJ {kpj}), diminta {who} pada {at}</source>
        <translation>Data change for {name} (KPJ {kpj}), asked by {who} at {at}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="290"/>
        <source>Alasan: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="294"/>
        <source>Cabang ini</source>
        <translation>This branch</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="295"/>
        <source>(di server pusat)</source>
        <translation>(at the central server)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="297"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="298"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="300"/>
        <source>Tanggal lahir</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="306"/>
        <source>Konflik NIK {nik}</source>
        <translation>NIK conflict {nik}</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="32"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="33"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="34"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/approval_dossier.py" line="35"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="116"/>
        <source>Persetujuan: klaim, perubahan data, pembatalan kuitansi, konflik NIK</source>
        <translation>Approvals: claims, data corrections, receipt voids, NIK conflicts</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="120"/>
        <source>KPJ / kuitansi</source>
        <translation>KPJ / receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="121"/>
        <source>Nama / pembayar</source>
        <translation>Name / payer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="122"/>
        <source>Perubahan</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="123"/>
        <source>Alasan / catatan</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="124"/>
        <source>Diajukan oleh</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="127"/>
        <source>Lihat data peserta cabang lain…</source>
        <translation>Show the other branch&apos;s participant…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="130"/>
        <source>Nama dan tanggal lahir peserta di cabang lain diambil dari server pusat hanya saat diperlukan; setiap pengambilan dicatat di jejak audit.</source>
        <translation>The name and birth date of the other branch&apos;s participant are fetched from the central server only when needed; each fetch is recorded in the audit trail.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="134"/>
        <source>Catatan (wajib bila ditolak)</source>
        <translation>Note (required to reject)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="135"/>
        <source>Kata sandi Anda</source>
        <translation>Your password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="138"/>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="167"/>
        <source>Tidak ada yang menunggu persetujuan.</source>
        <translation>Nothing waits for approval.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="180"/>
        <source>Pertahankan KPJ {kpj} (cabang ini)</source>
        <translation>Keep KPJ {kpj} (this branch)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="183"/>
        <source>Pertahankan KPJ {kpj} ({branch})</source>
        <translation>Keep KPJ {kpj} ({branch})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="188"/>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="189"/>
        <source>Tolak</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="239"/>
        <source>Konflik NIK {nik}: juga terdaftar di {branch}, KPJ {kpj}</source>
        <translation>NIK conflict {nik}: also registered at {branch}, KPJ {kpj}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="242"/>
        <source>server pusat</source>
        <translation>central server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="244"/>
        <source>Klaim {benefit}: {total} (dibayar sekarang {now})</source>
        <translation>{benefit} claim: {total} (paid now {now})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="253"/>
        <source>Batalkan kuitansi ({total})</source>
        <translation>Void receipt ({total})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="296"/>
        <source>Disetujui: {name}</source>
        <translation>Approved: {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="296"/>
        <source>Ditolak: {name}</source>
        <translation>Rejected: {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/approvals_page.py" line="276"/>
        <source>Diputuskan: KPJ {kpj} dipertahankan; dikirim ke server pusat.</source>
        <translation>Decided: KPJ {kpj} kept; sent to the central server.</translation>
    </message>
</context>
<context>
    <name>BranchPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="50"/>
        <source>Kunci layar setelah diam</source>
        <translation>Lock the screen after idle</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="51"/>
        <source>Layar loket terkunci bila tidak ada ketikan atau gerakan tetikus selama ini; data peserta tidak terbuka untuk orang yang lewat.</source>
        <translation>The counter&apos;s screen locks after this long without typing or mouse movement, so participants&apos; data is not left open to passers-by.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="58"/>
        <source>Judul kop surat</source>
        <translation>Letterhead title</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="59"/>
        <source>Baris pertama kop setiap kuitansi, surat dan berita acara, di atas nama dan alamat cabang.</source>
        <translation>The first line of the head of every receipt, letter and handover record, above the branch&apos;s name and address.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="66"/>
        <source>Masa iuran minimum JKM</source>
        <translation>Minimum paid months for JKM</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="67"/>
        <source>Bulan iuran yang harus sudah dibayar sebelum santunan kematian dapat diajukan (0: cukup kepesertaan aktif pada bulan meninggal).</source>
        <translation>Months of dues that must have been paid before a death benefit can be claimed (0: an active membership in the month of death is enough).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="74"/>
        <source>Batas persetujuan kepala bidang</source>
        <translation>Service supervisor&apos;s approval limit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="75"/>
        <source>Klaim dengan jumlah di atas batas ini harus disetujui kepala kantor cabang (0: tanpa batas).</source>
        <translation>Claims above this amount must be approved by the branch head (0: no limit).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="82"/>
        <source>Batas persetujuan kepala kantor cabang</source>
        <translation>Branch head&apos;s approval limit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="83"/>
        <source>Jumlah klaim terbesar yang dapat disetujui kepala kantor cabang (0: tanpa batas).</source>
        <translation>The largest claim the branch head may approve (0: no limit).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="89"/>
        <source>Meterai pada berita acara</source>
        <translation>Stamp duty on handover records</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="90"/>
        <source>Berita acara serah terima di atas Rp5.000.000 memuat tempat meterai Rp10.000 (UU 10/2020; pasal 7 dapat membebaskan pembayaran terkait hubungan kerja).</source>
        <translation>Handover records above Rp5.000.000 show the place for the Rp10.000 stamp (UU 10/2020; article 7 may exempt payments related to employment).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="97"/>
        <source>Cara pembayaran manfaat</source>
        <translation>Benefit payout methods</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="98"/>
        <source>Cara yang boleh dipilih petugas saat membayar klaim yang disetujui.</source>
        <translation>The methods staff may choose when paying an approved claim.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="103"/>
        <source>Cadangan harian disimpan</source>
        <translation>Daily backups kept</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="104"/>
        <source>Cadangan database dibuat saat hari ditutup dan saat Loket pertama dibuka tiap hari; yang terbaru dari sekian hari terakhir disimpan.</source>
        <translation>A database backup is made when the day is closed and when Loket first starts each day; the newest of each of this many last days is kept.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="111"/>
        <source>Cadangan bulanan disimpan</source>
        <translation>Monthly backups kept</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="112"/>
        <source>Selain itu, yang terbaru dari tiap bulan untuk sekian bulan terakhir.</source>
        <translation>Besides, the newest of each month for this many last months.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="117"/>
        <source>Folder cadangan</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="118"/>
        <source>Satu folder bagi semua komputer cabang, di disk lain atau server berkas cabang; kosong: di samping database.
Contoh: \\SERVER\cadangan-loket atau /srv/cadangan-loket</source>
        <translation>One folder for every computer of the branch, on another disk or the branch&apos;s file server; empty: beside the database.
For example: \\SERVER\cadangan-loket or /srv/cadangan-loket</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="126"/>
        <source>Cadangan selama hari kerja</source>
        <translation>Backups during the working day</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="127"/>
        <source>Cadangan dibuat lagi bila yang terbaru lebih tua dari sekian jam (0: hanya saat dibuka pertama dan saat hari ditutup): yang hilang bila disk rusak paling banyak sekian jam kerja.</source>
        <translation>Another backup is made when the newest is older than this many hours (0: only at the first start and at the closing): a dying disk takes at most this many hours of work.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="135"/>
        <source>Alamat server pusat</source>
        <translation>Central server address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="136"/>
        <source>Diatur di halaman Server pusat, bersama tokennya.</source>
        <translation>Set on the Central server page, with its token.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="139"/>
        <source>Jeda sinkronisasi</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="140"/>
        <source>Detik antara dua sinkronisasi selama server menjawab. Diatur di halaman Server pusat.</source>
        <translation>Seconds between two syncs while the server answers. Set on the Central server page.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="420"/>
        <source>Cabang, loket &amp; printer</source>
        <translation>Branch, counters &amp; printers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="421"/>
        <source>&amp;Cabang</source>
        <translation>&amp;Branch</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="422"/>
        <source>&amp;Loket &amp;&amp; printer</source>
        <translation>&amp;Counters &amp;&amp; printers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="423"/>
        <source>Atu&amp;ran cabang</source>
        <translation>Branch &amp;rules</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="424"/>
        <source>Antrean</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="425"/>
        <source>Kode cabang</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="425"/>
        <source>&amp;Nama cabang</source>
        <translation>Branch &amp;name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="425"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="426"/>
        <source>&amp;Telepon</source>
        <translation>&amp;Telephone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="426"/>
        <source>Awalan &amp;KPJ</source>
        <translation>&amp;KPJ prefix</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="429"/>
        <source>Simpan data cabang</source>
        <translation>Save branch data</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="430"/>
        <source>Tetapkan</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="432"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="432"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="432"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="432"/>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="433"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="435"/>
        <source>Loket terpilih</source>
        <translation>Selected counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="438"/>
        <source>Na&amp;ma</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="438"/>
        <source>&amp;Printer</source>
        <translation>&amp;Printer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="438"/>
        <source>K&amp;ertas</source>
        <translation>Pap&amp;er</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="442"/>
        <source>Ganti nama</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="445"/>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="507"/>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="685"/>
        <source>(bawaan sistem)</source>
        <translation>(system default)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="447"/>
        <source>Pilih printer sistem, kosongkan untuk printer bawaan, atau ketik alamat printer thermal ESC/POS: escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, escpos+file:///dev/usb/lp0.</source>
        <translation>Choose a system printer, leave empty for the default printer, or type the address of an ESC/POS thermal printer: escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, escpos+file:///dev/usb/lp0.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="451"/>
        <source>Gulungan thermal 80 mm</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="452"/>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="502"/>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="453"/>
        <source>Simpan printer</source>
        <translation>Save printer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="454"/>
        <source>Cetak halaman uji</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="455"/>
        <source>Loket &amp;baru</source>
        <translation>&amp;New counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="456"/>
        <source>nama, mis. Loket 4 (boleh kosong)</source>
        <translation>name, e.g. Loket 4 (may be empty)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="457"/>
        <source>Tambah loket</source>
        <translation>Add counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="458"/>
        <source>Ditetapkan server pusat</source>
        <translation>Decided by the central server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="459"/>
        <source>Simpan aturan</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="488"/>
        <source>Tidak dapat diubah lagi: KPJ pertama dengan awalan ini sudah diterbitkan.</source>
        <translation>Can no longer change: the first KPJ with this prefix has been issued.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="491"/>
        <source>Tiga angka dari kantor pusat; dapat diubah sampai KPJ pertama diterbitkan.</source>
        <translation>Three digits from the head office; can change until the first KPJ is issued.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="502"/>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="509"/>
        <source>melayani</source>
        <translation>serving</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="509"/>
        <source>dihentikan</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="552"/>
        <source>ditetapkan server pusat, {date}</source>
        <translation>decided by the central server, {date}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="559"/>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="560"/>
        <source>Tunai di loket</source>
        <translation>Cash at the counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="563"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="564"/>
        <source> bulan</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="566"/>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="567"/>
        <source> jam</source>
        <translation> hours</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="568"/>
        <source> detik</source>
        <translation> seconds</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="571"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="576"/>
        <source>Belum ada tabel tarif, keringanan atau aturan tunggakan dari server pusat: berlaku tabel bawaan Loket (PP 44/2015 dan perubahannya).</source>
        <translation>No tariff table, relief or arrears rule from the central server yet: Loket&apos;s built-in tables apply (PP 44/2015 and its amendments).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="592"/>
        <source>Aktifkan lagi</source>
        <translation>Bring back</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="593"/>
        <source>Hentikan loket</source>
        <translation>Retire counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="627"/>
        <source>Tersimpan. Dokumen berikutnya memakai data ini: {name}, {address}, telp. {phone}.</source>
        <translation>Saved. The next documents use these details: {name}, {address}, tel. {phone}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="639"/>
        <source>Awalan KPJ: {prefix}.</source>
        <translation>KPJ prefix: {prefix}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="664"/>
        <source>Loket nomor {number} kini {name}.</source>
        <translation>Counter number {number} is now {name}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="682"/>
        <source>{name}: printer {printer}, kertas {paper}. Berlaku saat petugas masuk berikutnya di loket ini.</source>
        <translation>{name}: printer {printer}, paper {paper}. In force from the next login at this counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="703"/>
        <source>Mencetak halaman uji ke {printer}…</source>
        <translation>Printing the test page on {printer}…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="720"/>
        <source>Halaman uji {name} terkirim ke printer. Periksa: kop utuh, jumlah di tepi kanan, garis dari tepi ke tepi, kode QR terbaca.</source>
        <translation>Test page for {name} sent to the printer. Check: the whole letterhead, the amount at the right edge, the line from edge to edge, the QR code scans.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="739"/>
        <source>{name} melayani lagi.</source>
        <translation>{name} serves again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="741"/>
        <source>{name} dihentikan: tidak lagi ditawarkan saat masuk; catatannya tetap.</source>
        <translation>{name} retired: no longer offered at login; its records stay.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="751"/>
        <source>{name} (nomor {number}) ditambahkan.</source>
        <translation>{name} (number {number}) added.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="776"/>
        <source>Tersimpan: {names}.</source>
        <translation>Saved: {names}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/branch_page.py" line="779"/>
        <source>Tidak ada yang berubah.</source>
        <translation>Nothing changed.</translation>
    </message>
</context>
<context>
    <name>CashBar</name>
    <message>
        <location filename="../../src/loket/ui/cash_bar.py" line="60"/>
        <source>Buka kas…</source>
        <translation>Open the drawer…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_bar.py" line="61"/>
        <source>Tutup kas…</source>
        <translation>Close the drawer…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_bar.py" line="62"/>
        <source>Serah terima kas…</source>
        <translation>Take the drawer over…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_bar.py" line="79"/>
        <source>Kas loket belum dibuka hari ini: hitung modal awal dulu, atau kas terbuka sendiri (tanpa modal) pada pembayaran pertama.</source>
        <translation>The counter&apos;s drawer is not open today: count the float first, or it opens by itself (without a float) at the first payment.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_bar.py" line="86"/>
        <source>Kas {counter}: {name} sejak {since} · seharusnya di laci {amount}</source>
        <translation>{counter} drawer: {name} since {since} · expected in the drawer {amount}</translation>
    </message>
</context>
<context>
    <name>CashCountDialog</name>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="63"/>
        <source>Buka kas loket: hitung modal awal</source>
        <translation>Open the drawer: count the float</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="64"/>
        <source>Tutup kas loket: hitung isi laci</source>
        <translation>Close the drawer: count what is in it</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="65"/>
        <source>Serah terima kas: hitung isi laci</source>
        <translation>Take the drawer over: count what is in it</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="72"/>
        <source>{counter}, dipegang {name} sejak {at}.</source>
        <translation>{counter}, held by {name} since {at}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="79"/>
        <source>Hitung uang di laci sebelum melayani pembayaran tunai.</source>
        <translation>Count the money in the drawer before taking cash payments.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="84"/>
        <source>&lt;b&gt;Pecahan&lt;/b&gt;</source>
        <translation>&lt;b&gt;Denomination&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="85"/>
        <source>&lt;b&gt;Lembar/keping&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notes/coins&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="86"/>
        <source>&lt;b&gt;Jumlah&lt;/b&gt;</source>
        <translation>&lt;b&gt;Amount&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="88"/>
        <source>kertas</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="88"/>
        <source>logam</source>
        <translation>coin</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="109"/>
        <source>Dihitung</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="113"/>
        <source>{expected} (modal {float} + tunai masuk {cash} − dikembalikan {back})</source>
        <translation>{expected} (float {float} + cash in {cash} − paid back {back})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="121"/>
        <source>Seharusnya</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="122"/>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="126"/>
        <source>Transfer dan QRIS (cocokkan dengan mutasi bank)</source>
        <translation>Transfers and QRIS (check against the bank statement)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="130"/>
        <source> · BATAL</source>
        <translation> · VOID</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="139"/>
        <source>Selisih: alasan dan persetujuan supervisor lain</source>
        <translation>Difference: the reason and another supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="142"/>
        <source>Alasan selisih</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="156"/>
        <source>Buka kas</source>
        <translation>Open drawer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="157"/>
        <source>Tutup kas</source>
        <translation>Close drawer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="158"/>
        <source>Terima kas</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="193"/>
        <source>kurang {amount}</source>
        <translation>short by {amount}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="195"/>
        <source>lebih {amount}</source>
        <translation>over by {amount}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/cash_count_dialog.py" line="197"/>
        <source>tidak ada — cocok</source>
        <translation>none — it matches</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="33"/>
        <source>Pilih kata sandi Anda</source>
        <translation>Choose your password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="36"/>
        <source>Kata sandi Anda sekarang sekali pakai (akun baru atau diatur ulang oleh admin). Pilih kata sandi Anda sendiri sebelum mulai bekerja.</source>
        <translation>Your password is a one-time password (a new account, or reset by an admin). Choose your own before you start working.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="40"/>
        <source>Ganti kata sandi Anda.</source>
        <translation>Change your password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="46"/>
        <source>Syarat: minimal {minimum} karakter, tanpa spasi di awal atau akhir, tidak memuat nama pengguna Anda, dan tidak mudah ditebak (bukan kata umum atau nama kota dengan angka atau tahun, bukan urutan tombol seperti qwerty atau 12345).</source>
        <translation>Rules: at least {minimum} characters, no space at the start or end, not containing your user name, and not easy to guess (no common word or city name with digits or a year, no key sequence such as qwerty or 12345).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="62"/>
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="63"/>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="64"/>
        <source>Ulangi kata sandi baru</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="76"/>
        <source>Simpan kata sandi</source>
        <translation>Save password</translation>
    </message>
</context>
<context>
    <name>ClaimForm</name>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="517"/>
        <source> (tabel sementara)</source>
        <translation> (provisional table)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="259"/>
        <source>KPJ atau NIK peserta</source>
        <translation>Participant&apos;s KPJ or NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="260"/>
        <source>Jenis manfaat</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="261"/>
        <source>Tanggal kejadian</source>
        <translation>Date of the event</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="262"/>
        <source>Sebab / keterangan</source>
        <translation>Cause / remarks</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="263"/>
        <source>Pengaju</source>
        <translation>Claimant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="264"/>
        <source>Nama pengurus pemakaman</source>
        <translation>Name of who arranged the funeral</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="265"/>
        <source>NIK pengurus pemakaman</source>
        <translation>NIK of who arranged the funeral</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="266"/>
        <source>Dasar beasiswa</source>
        <translation>Scholarship because of</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="267"/>
        <source>Anak (beasiswa)</source>
        <translation>Children (scholarship)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="268"/>
        <source>Bank penerima</source>
        <translation>Recipient&apos;s bank</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="269"/>
        <source>Nomor rekening</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="270"/>
        <source>Nama pemilik rekening</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="273"/>
        <source>ketik lalu Enter</source>
        <translation>type, then Enter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="278"/>
        <source>Peserta meninggal bukan karena kerja (masa iur ≥ 36 bulan)</source>
        <translation>Death not caused by work (at least 36 paid months)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="279"/>
        <source>Peserta meninggal karena kecelakaan kerja</source>
        <translation>Death from a work accident</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="280"/>
        <source>Cacat total tetap akibat kecelakaan kerja</source>
        <translation>Permanent total disability from a work accident</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="281"/>
        <source>Lainnya (cacat bukan karena kerja): tidak ada beasiswa</source>
        <translation>Other (disability not caused by work): no scholarship</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="286"/>
        <source>Usia 56 tahun</source>
        <translation>Age 56</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="287"/>
        <source>Berhenti bekerja</source>
        <translation>Stopped working</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="288"/>
        <source>Pindah ke luar negeri</source>
        <translation>Left Indonesia</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="289"/>
        <source>Cacat total tetap</source>
        <translation>Permanent total disability</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="290"/>
        <source>Meninggal dunia (ahli waris)</source>
        <translation>Death (heirs)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="291"/>
        <source>Sebagian, paling banyak 10% (persiapan pensiun)</source>
        <translation>Partial, at most 10% (preparing for retirement)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="292"/>
        <source>Sebagian, paling banyak 30% (perumahan)</source>
        <translation>Partial, at most 30% (housing)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="296"/>
        <source>JHT: dari rincian saldo pusat</source>
        <translation>JHT: from the central balance statement</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="300"/>
        <source>Saldo JHT</source>
        <translation>JHT balance</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="301"/>
        <source>Tanggal rincian saldo</source>
        <translation>Statement date</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="302"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="303"/>
        <source>Jumlah diminta (sebagian)</source>
        <translation>Amount asked for (partial)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="308"/>
        <source>Masa tidak mampu bekerja (surat dokter)</source>
        <translation>Days unable to work (doctor&apos;s statement)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="309"/>
        <source>Mulai</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="310"/>
        <source>Sampai (sembuh / hari ini)</source>
        <translation>Until (fit again / today)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="311"/>
        <source>Jenis cacat (tabel peraturan; surat dokter)</source>
        <translation>Injuries (the regulation&apos;s table; doctor&apos;s statement)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="317"/>
        <source>Pekerja kidal menurut surat dokter (persentase lengan/tangan kanan dan kiri bertukar)</source>
        <translation>Left-handed worker per the doctor&apos;s statement (the right and left arm/hand percentages swap)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="323"/>
        <source>Ikut</source>
        <translation>Include</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="324"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="325"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="326"/>
        <source>Jenjang</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="327"/>
        <source>Kelas/tahun</source>
        <translation>Grade/year</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="330"/>
        <source>Berkas yang sudah diperiksa (wajib semua)</source>
        <translation>Documents checked (all required)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="331"/>
        <source>Simpan draf</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="332"/>
        <source>Simpan dan ajukan</source>
        <translation>Save and submit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="333"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="427"/>
        <source>— peserta sendiri —</source>
        <translation>— the participant —</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="437"/>
        <source>— pengurus pemakaman (tidak ada ahli waris) —</source>
        <translation>— who arranged the funeral (no heir) —</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="521"/>
        <source> · luas {value}%</source>
        <translation> · extent {value}%</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="523"/>
        <source> · {value} dB</source>
        <translation> · {value} dB</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="525"/>
        <source> · fungsi hilang {value}%</source>
        <translation> · function lost {value}%</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="532"/>
        <source>Luas kehilangan kulit kepala, % (10–30):</source>
        <translation>Extent of the scalp loss, % (10–30):</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="534"/>
        <source>Penurunan pendengaran, dB (audiogram):</source>
        <translation>Hearing loss, dB (audiogram):</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="536"/>
        <source>Fungsi yang hilang, % (kosong: bagian tubuh hilang):</source>
        <translation>Function lost, % (empty: the body part is lost):</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="610"/>
        <source>Cari peserta dengan KPJ atau NIK lebih dulu.</source>
        <translation>Find the participant by KPJ or NIK first.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="616"/>
        <source>Saldo JHT bukan jumlah rupiah.</source>
        <translation>The JHT balance is not a rupiah amount.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/form.py" line="618"/>
        <source>Jumlah diminta bukan jumlah rupiah.</source>
        <translation>The amount asked for is not a rupiah amount.</translation>
    </message>
</context>
<context>
    <name>ClaimView</name>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="105"/>
        <source>Komponen</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="105"/>
        <source>Hak</source>
        <translation>Entitlement</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="105"/>
        <source>Dibayar sekarang</source>
        <translation>Paid now</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="107"/>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="108"/>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="109"/>
        <source>Ajukan</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="110"/>
        <source>Catat pembayaran…</source>
        <translation>Record payout…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="111"/>
        <source>Serah terima…</source>
        <translation>Handover…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="112"/>
        <source>Tanda terima berkas</source>
        <translation>Documents receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="113"/>
        <source>Berita acara</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="114"/>
        <source>Jadwal beasiswa</source>
        <translation>Scholarship schedule</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="115"/>
        <source>Kembali ke daftar</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="116"/>
        <source>Bayar tunggakan…</source>
        <translation>Pay the arrears…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="117"/>
        <source>Ajukan sisa manfaat</source>
        <translation>Claim the rest</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="131"/>
        <source>&lt;b&gt;{number}&lt;/b&gt; · {benefit} · &lt;b&gt;{status}&lt;/b&gt;&lt;br&gt;{participant} (KPJ {kpj}) · pengaju {claimant} · total {total}, dibayar sekarang {now}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; · {benefit} · &lt;b&gt;{status}&lt;/b&gt;&lt;br&gt;{participant} (KPJ {kpj}) · claimant {claimant} · total {total}, paid now {now}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="145"/>
        <source>Ditolak: {reason}</source>
        <translation>Rejected: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="183"/>
        <source>Sisa manfaat klaim {number}, setelah tunggakan iuran dilunasi.</source>
        <translation>The rest of claim {number}, after the arrears were paid.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="186"/>
        <source>Sisa manfaat dibayar dalam klaim {number}.</source>
        <translation>The rest is paid in claim {number}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="190"/>
        <source>Iuran {months} tertunggak saat kejadian: {held} dibayar setelah tunggakan dilunasi (PP 44/2015 ps. 42).</source>
        <translation>Dues of {months} owed at the event: {held} is paid once they are paid (PP 44/2015 art. 42).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/view.py" line="195"/>
        <source>Tunggakan sudah dibayar: ajukan sisa {held} untuk persetujuan.</source>
        <translation>The arrears are paid: claim the rest, {held}, for approval.</translation>
    </message>
</context>
<context>
    <name>ClaimsPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="17"/>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="18"/>
        <source>Menunggu persetujuan</source>
        <translation>Waiting for approval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="19"/>
        <source>Disetujui</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="20"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="21"/>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="22"/>
        <source>Diserahterimakan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="25"/>
        <source>dibuat</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="26"/>
        <source>diubah</source>
        <translation>edited</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="27"/>
        <source>diajukan</source>
        <translation>submitted</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="28"/>
        <source>disetujui</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="29"/>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="30"/>
        <source>dibayar</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="31"/>
        <source>diserahterimakan</source>
        <translation>handed over</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="32"/>
        <source>tunggakan iuran dibayar, kuitansi</source>
        <translation>arrears paid, receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="33"/>
        <source>diizinkan lewat 2 tahun oleh supervisor</source>
        <translation>allowed after two years by a supervisor</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="36"/>
        <source>JKM — meninggal bukan karena kerja</source>
        <translation>JKM — death not caused by work</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="37"/>
        <source>JKK — meninggal karena kecelakaan kerja</source>
        <translation>JKK — death from a work accident</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="38"/>
        <source>JKK — tidak mampu bekerja sementara (STMB)</source>
        <translation>JKK — temporary inability to work (STMB)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="41"/>
        <source>JKK — cacat total tetap</source>
        <translation>JKK — permanent total disability</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="42"/>
        <source>JKK — cacat sebagian</source>
        <translation>JKK — permanent partial disability</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="43"/>
        <source>JHT — jaminan hari tua</source>
        <translation>JHT — old-age savings</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/names.py" line="44"/>
        <source>Beasiswa saja</source>
        <translation>Scholarship only</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="97"/>
        <source>Klaim manfaat dan serah terima</source>
        <translation>Benefit claims and handover</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="98"/>
        <source>Klaim baru</source>
        <translation>New claim</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="99"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="102"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="103"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="104"/>
        <source>Manfaat</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="105"/>
        <source>Peserta</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="106"/>
        <source>Pengaju</source>
        <translation>Claimant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="107"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="227"/>
        <source>Tanda terima berkas</source>
        <translation>Documents receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="228"/>
        <source>Berita acara serah terima</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/page.py" line="229"/>
        <source>Jadwal beasiswa</source>
        <translation>Scholarship schedule</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="160"/>
        <source>Rekap harian</source>
        <translation>Daily closing</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="161"/>
        <source>Hari</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="164"/>
        <source>Sesi</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="165"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="166"/>
        <source>Pemegang</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="167"/>
        <source>Dibuka–ditutup</source>
        <translation>Opened–closed</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="168"/>
        <source>Seharusnya</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="169"/>
        <source>Dihitung</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="170"/>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="171"/>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="174"/>
        <source>Hitung dan tutup kas terpilih…</source>
        <translation>Count and close the selected drawer…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="175"/>
        <source>Tutup hari…</source>
        <translation>Close the day…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="176"/>
        <source>Lihat rekap harian</source>
        <translation>Show the daily closing</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="177"/>
        <source>Laporan periode</source>
        <translation>Report for a period</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="178"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="179"/>
        <source>sampai</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="180"/>
        <source>Simpan laporan…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="208"/>
        <source>Hari {day} sudah ditutup oleh {name} pada {at}.</source>
        <translation>The day {day} was closed by {name} at {at}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/closing_page.py" line="216"/>
        <source>Terbuka: %n kas loket belum ditutup.</source>
        <translation>
            <numerusform>Open: %n counter drawer not closed yet.</numerusform>
            <numerusform>Open: %n counter drawers not closed yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/closing_page.py" line="355"/>
        <source>Tersimpan: {file} (%n kuitansi).</source>
        <translation>
            <numerusform>Saved: {file} (%n receipt).</numerusform>
            <numerusform>Saved: {file} (%n receipts).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="219"/>
        <source>Semua kas loket sudah ditutup: hari dapat ditutup.</source>
        <translation>Every drawer is closed: the day can be closed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="234"/>
        <source>BELUM DITUTUP</source>
        <translation>NOT CLOSED</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="236"/>
        <source>modal tidak dihitung</source>
        <translation>float not counted</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="239"/>
        <source>{reason} (disetujui {who})</source>
        <translation>{reason} (approved by {who})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="244"/>
        <source>diserahkan ke {who}</source>
        <translation>handed over to {who}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="284"/>
        <source>Tutup hari</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="285"/>
        <source>Tutup hari {date}? Ketik kata sandi Anda untuk menandatangani.</source>
        <translation>Close {date}? Type your password to sign it off.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="300"/>
        <source>Membuat cadangan database…</source>
        <translation>Making the database backup…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="306"/>
        <source>Cadangan dibuat dan diperiksa: {file}</source>
        <translation>Backup made and checked: {file}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="311"/>
        <source>Cadangan GAGAL: {reason} Ulangi dengan &apos;loket-admin backup&apos;.</source>
        <translation>Backup FAILED: {reason} Repeat it with &apos;loket-admin backup&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="327"/>
        <source>Rekap harian {date}</source>
        <translation>Daily closing {date}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="338"/>
        <source>Simpan laporan</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/closing_page.py" line="342"/>
        <source>Menyusun laporan…</source>
        <translation>Preparing the report…</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="83"/>
        <source>Ubah data peserta — {kpj}</source>
        <translation>Edit participant data — {kpj}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="86"/>
        <source>Perubahan nama, NIK, tanggal lahir atau jenis kelamin baru berlaku setelah disetujui kepala bidang pelayanan.</source>
        <translation>Changes to the name, NIK, date of birth or sex take effect once a head of service approves them.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="91"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="92"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="93"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="94"/>
        <source>Jenis kelamin (L/P)</source>
        <translation>Sex (L/P)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="95"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="96"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="97"/>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="98"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="99"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="100"/>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/correction_dialog.py" line="101"/>
        <source>Alasan perubahan</source>
        <translation>Reason for the change</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../src/loket/ui/crash_dialog.py" line="31"/>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/crash_dialog.py" line="33"/>
        <source>Terjadi kesalahan yang tidak terduga (referensi {ref}). Pekerjaan Anda tetap terbuka; simpan bila bisa dan laporkan referensi ini ke admin cabang.</source>
        <translation>An unexpected error occurred (reference {ref}). Your work is still open; save it if you can and report this reference to the branch admin.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="164"/>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="165"/>
        <source>Muat ulang</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="166"/>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="167"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="168"/>
        <source>Cabang saat ini</source>
        <translation>The branch now</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="170"/>
        <source>Pendaftaran</source>
        <translation>Registrations</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="171"/>
        <source>Iuran diterima</source>
        <translation>Dues received</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="172"/>
        <source>Keringanan PP 50/2025</source>
        <translation>PP 50/2025 relief</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="173"/>
        <source>Klaim dibayar</source>
        <translation>Claims paid</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="174"/>
        <source>Peserta aktif, iuran lunas</source>
        <translation>Active members, paid up</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="175"/>
        <source>Aktif, menunggak</source>
        <translation>Active, in arrears</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="176"/>
        <source>Non-aktif</source>
        <translation>Non-active</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="177"/>
        <source>Menunggu persetujuan</source>
        <translation>Waiting for approval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="178"/>
        <source>Kas loket terbuka</source>
        <translation>Open counter drawers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="179"/>
        <source>Antrean hari ini</source>
        <translation>Today&apos;s queue</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="180"/>
        <source>Nomor</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="181"/>
        <source>Rata-rata menunggu</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="182"/>
        <source>Rata-rata dilayani</source>
        <translation>Average service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="183"/>
        <source>Nilai pelayanan</source>
        <translation>Service rating</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="184"/>
        <source>Menunggu per jam hari ini (menit)</source>
        <translation>Waiting by hour today (minutes)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="242"/>
        <source>&lt;b&gt;{total}&lt;/b&gt; (%n kuitansi)</source>
        <translation>
            <numerusform>&lt;b&gt;{total}&lt;/b&gt; (%n receipt)</numerusform>
            <numerusform>&lt;b&gt;{total}&lt;/b&gt; (%n receipts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="251"/>
        <source>&lt;b&gt;%n&lt;/b&gt; klaim, {amount}</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; claim, {amount}</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; claims, {amount}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="307"/>
        <source>Iuran diterima 30 hari terakhir (juta Rp)</source>
        <translation>Dues received, last 30 days (million Rp)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="309"/>
        <source>Iuran diterima 30 hari terakhir (ribu Rp)</source>
        <translation>Dues received, last 30 days (thousand Rp)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="313"/>
        <source>hari ini</source>
        <translation>today</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="357"/>
        <source>&lt;b&gt;{mean}&lt;/b&gt; dari 5 (%n penilaian)</source>
        <translation>
            <numerusform>&lt;b&gt;{mean}&lt;/b&gt; of 5 (%n rating)</numerusform>
            <numerusform>&lt;b&gt;{mean}&lt;/b&gt; of 5 (%n ratings)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="379"/>
        <source>Klaim dibayar 30 hari terakhir (juta Rp)</source>
        <translation>Claims paid, last 30 days (million Rp)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="203"/>
        <source>Memuat angka…</source>
        <translation>Loading figures…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="229"/>
        <source>Angka per {date}, {time}.</source>
        <translation>Figures as of {date}, {time}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="263"/>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="319"/>
        <source>Iuran</source>
        <translation>Dues</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="334"/>
        <source>{n} menit</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="342"/>
        <source>&lt;b&gt;{issued}&lt;/b&gt; diambil, {served} dilayani&lt;br&gt;{waiting} menunggu, {no_show} tidak hadir</source>
        <translation>&lt;b&gt;{issued}&lt;/b&gt; taken, {served} served&lt;br&gt;{waiting} waiting, {no_show} did not come</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="369"/>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="381"/>
        <source>Klaim dibayar 30 hari terakhir (ribu Rp)</source>
        <translation>Claims paid, last 30 days (thousand Rp)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="386"/>
        <source>Klaim</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/dashboard_page.py" line="375"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
</context>
<context>
    <name>DuesText</name>
    <message>
        <location filename="../../src/loket/ui/dues_text.py" line="18"/>
        <source>Keringanan iuran {name}</source>
        <translation>Contribution relief {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/dues_text.py" line="29"/>
        <source> (normal {normal}, keringanan −{relief})</source>
        <translation> (normal {normal}, relief −{relief})</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="128"/>
        <source>Serah terima klaim {number}</source>
        <translation>Handover of claim {number}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="141"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="142"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="143"/>
        <source>Penerima</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="144"/>
        <source>NIK penerima (KTP)</source>
        <translation>Recipient&apos;s NIK (ID card)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="145"/>
        <source>Saksi 1</source>
        <translation>Witness 1</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="146"/>
        <source>Saksi 2</source>
        <translation>Witness 2</translation>
    </message>
</context>
<context>
    <name>HeirsEditor</name>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="27"/>
        <source>Suami/istri</source>
        <translation>Husband/wife</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="28"/>
        <source>Anak</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="29"/>
        <source>Orang tua</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="30"/>
        <source>Kakek/nenek</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="31"/>
        <source>Cucu</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="32"/>
        <source>Saudara kandung</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="33"/>
        <source>Mertua</source>
        <translation>Parent-in-law</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="34"/>
        <source>Ditunjuk dalam wasiat</source>
        <translation>Named in a will</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="42"/>
        <source>Kuliah/pelatihan</source>
        <translation>University/training</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="73"/>
        <source>Ahli waris (boleh kosong)</source>
        <translation>Heirs (optional)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="74"/>
        <source>Tambah ahli waris</source>
        <translation>Add an heir</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="75"/>
        <source>Hapus baris</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="78"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="79"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="80"/>
        <source>NIK (boleh kosong)</source>
        <translation>NIK (optional)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="81"/>
        <source>Tgl lahir (hh-bb-tttt)</source>
        <translation>Born (dd-mm-yyyy)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="82"/>
        <source>Pendidikan anak</source>
        <translation>Child&apos;s schooling</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="57"/>
        <source>Selamat datang, {name}</source>
        <translation>Welcome, {name}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="88"/>
        <source>%n keputusan menunggu persetujuan Anda</source>
        <translation>
            <numerusform>%n decision waiting for your approval</numerusform>
            <numerusform>%n decisions waiting for your approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="93"/>
        <source>%n kuitansi</source>
        <translation>
            <numerusform>%n receipt</numerusform>
            <numerusform>%n receipts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="94"/>
        <source>%n pendaftaran</source>
        <translation>
            <numerusform>%n registration</numerusform>
            <numerusform>%n registrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="95"/>
        <source>%n klaim</source>
        <translation>
            <numerusform>%n claim</numerusform>
            <numerusform>%n claims</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="99"/>
        <source>%n kuitansi belum dicetak</source>
        <translation>
            <numerusform>%n receipt not printed yet</numerusform>
            <numerusform>%n receipts not printed yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/home_page.py" line="102"/>
        <source>%n klaim menunggu pembayaran</source>
        <translation>
            <numerusform>%n claim waiting for payout</numerusform>
            <numerusform>%n claims waiting for payout</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="104"/>
        <source>{handover} menunggu serah terima</source>
        <translation>{handover} waiting for handover</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="108"/>
        <source>Hari ini Anda: {work}</source>
        <translation>Today you: {work}</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="71"/>
        <source>Impor data peserta</source>
        <translation>Import participant data</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="74"/>
        <source>Berkas CSV ekspor kantor pusat (kolom dijelaskan di README). Baris yang salah tidak diimpor dan dicatat di berkas *.errors.csv di sebelahnya; impor yang terputus dapat diulang.</source>
        <translation>The central office&apos;s CSV export (columns are described in the README). Wrong rows are not imported and are listed in the *.errors.csv file next to it; an interrupted import can be run again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="79"/>
        <source>Pilih berkas .csv</source>
        <translation>Choose a .csv file</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="80"/>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="82"/>
        <source>Perbarui peserta yang NIK-nya sudah ada (bila tidak: lewati)</source>
        <translation>Update participants whose NIK is already here (otherwise: skip them)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="84"/>
        <source>Mulai impor</source>
        <translation>Start the import</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="92"/>
        <source>Berkas ekspor</source>
        <translation>Export file</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="99"/>
        <source>Berkas {file} tidak ada.</source>
        <translation>There is no file {file}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="102"/>
        <source>Mengimpor…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="132"/>
        <source>{read} baris dibaca: {imported} baru, {updated} diperbarui, {skipped} dilewati, {bad} ditolak</source>
        <translation>{read} rows read: {imported} new, {updated} updated, {skipped} skipped, {bad} rejected</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="145"/>
        <source>Selesai. </source>
        <translation>Done. </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/import_page.py" line="147"/>
        <source>Baris yang ditolak dan alasannya: {file}</source>
        <translation>Rejected rows and why: {file}</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="158"/>
        <source>Ambil nomor antrean</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="159"/>
        <source>Sentuh layanan yang Anda perlukan.</source>
        <translation>Touch the service you need.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="161"/>
        <source>Prioritas: lansia, penyandang disabilitas, ibu hamil</source>
        <translation>Priority: elderly, disabled, pregnant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="164"/>
        <source>Kode booking online</source>
        <translation>Online booking code</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="165"/>
        <source>Ambil nomor booking</source>
        <translation>Number for my booking</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="187"/>
        <source>{prefix} · {name}
Kuota hari ini habis — pesan lewat booking online</source>
        <translation>{prefix} · {name}
Today&apos;s quota is taken — book online</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="196"/>
        <source>{prefix} · {name}
{waiting} orang menunggu</source>
        <translation>{prefix} · {name}
{waiting} waiting</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="219"/>
        <source>Nomor Anda. Tiket sedang dicetak…</source>
        <translation>Your number. The ticket is being printed…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="237"/>
        <source>Nomor Anda. Silakan ambil tiket dan tunggu panggilan.</source>
        <translation>Your number. Please take the ticket and wait to be called.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="245"/>
        <source>Nomor Anda. Tiket tidak dapat dicetak ({reason}). Ingat nomor ini (atau foto layar ini) dan tunggu panggilan; sampaikan ke petugas.</source>
        <translation>Your number. The ticket could not be printed ({reason}). Remember this number (or take a photo of this screen) and wait to be called; please tell the staff.</translation>
    </message>
</context>
<context>
    <name>KioskExit</name>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="45"/>
        <source>Tutup kiosk</source>
        <translation>Close the kiosk</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="60"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="61"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="60"/>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="62"/>
        <source>Masukkan kata sandi {user} untuk melanjutkan pekerjaan.</source>
        <translation>Enter the password of {user} to continue working.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="66"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="67"/>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="145"/>
        <source>Loket — Masuk</source>
        <translation>Loket — Log in</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="146"/>
        <source>Loket pelayanan</source>
        <translation>Service counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="147"/>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="147"/>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="147"/>
        <source>L&amp;oket</source>
        <translation>C&amp;ounter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="150"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="151"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="154"/>
        <source>Database belum disiapkan: jalankan &apos;loket-admin init&apos; atau demo.</source>
        <translation>The database is not set up yet: run &apos;loket-admin init&apos; or demo.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="166"/>
        <source>Membuka basis data…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="204"/>
        <source>Pilih kata sandi Anda sendiri untuk dapat masuk.</source>
        <translation>Choose your own password to log in.</translation>
    </message>
</context>
<context>
    <name>LoketError</name>
    <message>
        <location filename="../../src/loket/services/permissions.py" line="54"/>
        <source>Peran {role} tidak berwenang untuk tindakan ini.</source>
        <translation>The {role} role is not allowed to do this.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="92"/>
        <location filename="../../src/loket/db/migrate.py" line="124"/>
        <location filename="../../src/loket/db/migrate.py" line="373"/>
        <location filename="../../src/loket/services/backups.py" line="242"/>
        <source>{where} bukan database Loket; tidak ada yang diubah.</source>
        <translation>{where} is not a Loket database; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="97"/>
        <location filename="../../src/loket/services/backups.py" line="270"/>
        <source>Database {where} dibuat oleh versi Loket yang lebih baru (skema {revision}). Perbarui aplikasi ini; database tidak diubah.</source>
        <translation>Database {where} was made by a newer Loket (schema {revision}). Update this application; the database was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="146"/>
        <source>Database {where} rusak dan tidak dapat dibuka ({detail}). Pulihkan dari cadangan; berkas tidak diubah.</source>
        <translation>Database {where} is damaged and cannot be opened ({detail}). Restore it from a backup; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="166"/>
        <source>Tidak dapat terhubung ke database {where}: {detail}</source>
        <translation>Cannot connect to database {where}: {detail}</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="212"/>
        <source>Database {where} perlu diperbarui, tetapi pg_dump tidak ditemukan untuk mencadangkannya dulu: pasang klien PostgreSQL (postgresql-client). Database tidak diubah.</source>
        <translation>Database {where} needs an upgrade, but pg_dump was not found to back it up first: install the PostgreSQL client (postgresql-client). The database was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="228"/>
        <source>Cadangan sebelum pembaruan database {where} gagal ({why}); database tidak diubah.</source>
        <translation>The backup before upgrading database {where} failed ({why}); the database was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="251"/>
        <source>{path} ada di folder jaringan ({kind}). SQLite tidak aman di folder jaringan: dua loket yang menulis bersamaan dapat merusak berkasnya. Untuk beberapa loket pakai PostgreSQL di komputer utama cabang; satu loket menyimpan berkasnya di disknya sendiri.</source>
        <translation>{path} is in a network folder ({kind}). SQLite is not safe in a network folder: two counters writing at once can corrupt the file. For several counters use PostgreSQL on the branch&apos;s main computer; a single counter keeps the file on its own disk.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="262"/>
        <source>Database {where} belum ada atau kosong; tidak ada yang dibuat. Buat dengan &apos;loket-admin init&apos;, atau pulihkan dengan &apos;loket-admin restore&apos;.</source>
        <translation>Database {where} does not exist yet or is empty; nothing was created. Create it with &apos;loket-admin init&apos;, or restore it with &apos;loket-admin restore&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="285"/>
        <source>Database {where} memerlukan skema {head}, dan hanya pemilik database yang membuat atau memperbarui skema: di komputer utama cabang jalankan &apos;loket-admin init --db postgresql+psycopg://PEMILIK@…&apos; (lihat README). Tidak ada yang diubah.</source>
        <translation>Database {where} needs schema {head}, and only the database&apos;s owner creates or upgrades the schema: on the branch&apos;s main computer run &apos;loket-admin init --db postgresql+psycopg://OWNER@…&apos; (see the README). Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="38"/>
        <source>Jumlah uang belum diisi.</source>
        <translation>The amount is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="54"/>
        <location filename="../../src/loket/domain/money.py" line="68"/>
        <source>Jumlah uang tidak valid: {text}</source>
        <translation>Not a valid amount: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="58"/>
        <source>Rupiah tidak memakai pecahan sen: {text}</source>
        <translation>Rupiah have no fractions: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="122"/>
        <source>Jumlah terlalu besar untuk ditulis dengan huruf: {amount}</source>
        <translation>Amount too large to write in words: {amount}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="55"/>
        <location filename="../../src/loket/domain/nik.py" line="107"/>
        <source>Tanggal lahir dalam NIK tidak ada: {date}.</source>
        <translation>The birth date in the NIK does not exist: {date}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="60"/>
        <source>Tanggal lahir dalam NIK ada di masa depan: {date}.</source>
        <translation>The birth date in the NIK is in the future: {date}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="64"/>
        <source>Tanggal lahir dalam NIK berarti umur lebih dari {years} tahun.</source>
        <translation>The birth date in the NIK means an age over {years} years.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="80"/>
        <source>NIK belum diisi.</source>
        <translation>The NIK is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="82"/>
        <source>NIK hanya boleh berisi angka.</source>
        <translation>The NIK may contain digits only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="85"/>
        <source>NIK harus 16 angka, bukan {length}.</source>
        <translation>The NIK must have 16 digits, not {length}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="90"/>
        <source>Kode provinsi {code} dalam NIK tidak dikenal.</source>
        <translation>Province code {code} in the NIK is unknown.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="95"/>
        <source>Kode kabupaten/kota dalam NIK tidak boleh 00.</source>
        <translation>The regency/city code in the NIK cannot be 00.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="99"/>
        <source>Kode kecamatan dalam NIK tidak boleh 00.</source>
        <translation>The district code in the NIK cannot be 00.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="112"/>
        <source>Nomor urut NIK tidak boleh 0000.</source>
        <translation>The NIK serial number cannot be 0000.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="114"/>
        <source>Kata sandi minimal {minimum} karakter.</source>
        <translation>The password needs at least {minimum} characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="119"/>
        <source>Kata sandi tidak boleh diawali atau diakhiri spasi.</source>
        <translation>The password cannot start or end with a space.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="123"/>
        <source>Kata sandi tidak boleh memuat nama pengguna.</source>
        <translation>The password cannot contain the username.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="127"/>
        <source>Kata sandi terlalu mudah ditebak: hindari kata umum, nama kota, tahun dan urutan tombol (qwerty, 12345).</source>
        <translation>The password is too easy to guess: avoid common words, city names, years and key sequences (qwerty, 12345).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="44"/>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="52"/>
        <source>Akun terkunci karena {count} kali salah kata sandi. Coba lagi pukul {time} atau minta admin mengatur ulang kata sandi.</source>
        <translation>The account is locked after {count} wrong passwords. Try again at {time} or ask an admin to reset the password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="126"/>
        <source>Nama pengguna belum diisi.</source>
        <translation>The username is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="157"/>
        <source>Pilih loket tempat Anda bertugas.</source>
        <translation>Choose the counter you serve at.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="240"/>
        <source>Terlalu banyak kata sandi salah di sini. Coba lagi {minutes} menit lagi.</source>
        <translation>Too many wrong passwords here. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="276"/>
        <source>Kata sandi {name} masih sekali pakai: masuk sendiri ke Loket dan ganti kata sandi dulu, baru dapat menyetujui.</source>
        <translation>{name}&apos;s password is still a one-time password: log in to Loket and choose your own first; then you can approve.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/place.py" line="43"/>
        <source>Database belum disiapkan: jalankan &apos;loket-admin init --branch-code …&apos;.</source>
        <translation>The database is not set up yet: run &apos;loket-admin init --branch-code …&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="147"/>
        <source>Kode cabang harus 3–8 huruf besar atau angka, misalnya BJM.</source>
        <translation>The branch code must be 3–8 capital letters or digits, e.g. BJM.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="99"/>
        <location filename="../../src/loket/services/branch.py" line="154"/>
        <source>Nama cabang belum diisi.</source>
        <translation>The branch name is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="103"/>
        <source>Nomor telepon hanya angka, spasi, +, - dan tanda kurung.</source>
        <translation>A telephone number has only digits, spaces, +, - and brackets.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="159"/>
        <source>Kode provinsi {code} tidak dikenal.</source>
        <translation>Province code {code} is unknown.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="167"/>
        <source>Database ini sudah milik cabang {code} ({name}).</source>
        <translation>This database already belongs to branch {code} ({name}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="207"/>
        <source>Awalan KPJ {prefix} sudah dipakai dan tidak dapat diganti.</source>
        <translation>KPJ prefix {prefix} is in use and cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="257"/>
        <source>Nama loket belum diisi.</source>
        <translation>The counter&apos;s name is missing.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="288"/>
        <source>Kas {name} masih terbuka: tutup kasnya dulu sebelum loket dihentikan.</source>
        <translation>The cash drawer of {name} is still open: close it before retiring the counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="300"/>
        <source>Loket terakhir yang melayani tidak dapat dihentikan.</source>
        <translation>The last counter in service cannot be retired.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="359"/>
        <source>Kertas harus 80mm atau a5.</source>
        <translation>The paper must be 80mm or a5.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/place.py" line="88"/>
        <source>Loket nomor {number} tidak ada.</source>
        <translation>There is no counter number {number}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="75"/>
        <source>Batas diam harus antara 1 dan 120 menit.</source>
        <translation>The idle limit must be between 1 and 120 minutes.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="81"/>
        <source>Judul kop surat 1–80 karakter.</source>
        <translation>The letterhead title has 1–80 characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="88"/>
        <source>Masa iuran minimum JKM 0–24 bulan.</source>
        <translation>The JKM minimum contribution period is 0–24 months.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="94"/>
        <location filename="../../src/loket/domain/settings.py" line="99"/>
        <source>Batas persetujuan dalam rupiah (0 = tanpa batas).</source>
        <translation>Approval limit in rupiah (0 = no limit).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="106"/>
        <source>Bea meterai berita acara: ya atau tidak.</source>
        <translation>Stamp duty on handover records: yes or no.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="116"/>
        <source>Cara pembayaran manfaat: transfer dan/atau cash.</source>
        <translation>Benefit payout methods: transfer and/or cash.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="123"/>
        <source>Cadangan harian yang disimpan: 1–366.</source>
        <translation>Daily backups kept: 1–366.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="128"/>
        <source>Cadangan bulanan yang disimpan: 0–120.</source>
        <translation>Monthly backups kept: 0–120.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="136"/>
        <source>Folder cadangan: kosong, atau jalur lengkap (mis. /srv/cadangan-loket, D:\Cadangan atau \\SERVER\cadangan), paling panjang 255 karakter.</source>
        <translation>Backup folder: empty, or a whole path (e.g. /srv/cadangan-loket, D:\Cadangan or \\SERVER\cadangan), at most 255 characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="148"/>
        <source>Cadangan selama hari kerja: tiap 0–24 jam.</source>
        <translation>Backups during the working day: every 0–24 hours.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="154"/>
        <source>Alamat server harus diawali https:// (http:// hanya ke komputer ini), tanpa nama pengguna atau kata sandi.</source>
        <translation>The server address must start with https:// (http:// only to this computer), without a user name or password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/settings.py" line="165"/>
        <source>Jeda sinkronisasi 10–3600 detik.</source>
        <translation>Sync interval 10–3600 seconds.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/settings.py" line="109"/>
        <source>Pengaturan ini ditetapkan oleh server pusat dan tidak dapat diubah di cabang.</source>
        <translation>The central server decides this setting; it cannot be changed at the branch.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="58"/>
        <source>Pengguna {username} tidak ada.</source>
        <translation>There is no user {username}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="70"/>
        <source>Peran {role} tidak dikenal ({roles}).</source>
        <translation>Unknown role {role} ({roles}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="92"/>
        <source>Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.</source>
        <translation>A username has 3–32 characters: lowercase letters, digits, dot, underscore or hyphen, starting with a letter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="101"/>
        <source>Nama lengkap belum diisi.</source>
        <translation>The full name is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="109"/>
        <source>Database belum disiapkan untuk sebuah cabang.</source>
        <translation>The database is not set up for a branch yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="113"/>
        <source>Nama pengguna {username} sudah dipakai.</source>
        <translation>Username {username} is already taken.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="159"/>
        <source>Anda tidak dapat menonaktifkan akun Anda sendiri.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="168"/>
        <source>Admin aktif terakhir tidak dapat dinonaktifkan.</source>
        <translation>The last active admin cannot be disabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="204"/>
        <source>Anda tidak dapat mengubah peran Anda sendiri.</source>
        <translation>You cannot change your own role.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="211"/>
        <source>Admin aktif terakhir harus tetap admin.</source>
        <translation>The last active admin must stay an admin.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="271"/>
        <source>Hanya pengguna yang masuk yang mengganti sandinya.</source>
        <translation>Only a logged-in user changes their own password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="277"/>
        <source>Kata sandi baru harus berbeda dari yang lama.</source>
        <translation>The new password must differ from the old one.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/kpj.py" line="40"/>
        <source>Awalan KPJ cabang harus 3 angka (100–999).</source>
        <translation>The branch&apos;s KPJ prefix must be 3 digits (100–999).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/kpj.py" line="50"/>
        <source>Rentang nomor KPJ cabang {prefix} sudah habis.</source>
        <translation>The KPJ range of branch prefix {prefix} is used up.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/names.py" line="32"/>
        <source>Nama belum diisi.</source>
        <translation>The name is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/names.py" line="35"/>
        <source>Nama terlalu panjang (lebih dari {limit} karakter).</source>
        <translation>The name is too long (over {limit} characters).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/names.py" line="41"/>
        <source>Nama tidak boleh diawali {char}.</source>
        <translation>A name cannot start with {char}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/names.py" line="48"/>
        <location filename="../../src/loket/domain/names.py" line="52"/>
        <source>Nama harus memuat huruf.</source>
        <translation>A name must contain letters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/names.py" line="55"/>
        <source>Nama memuat karakter kendali yang tidak terlihat.</source>
        <translation>The name contains invisible control characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/phone.py" line="25"/>
        <source>Nomor telepon belum diisi.</source>
        <translation>The phone number is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/phone.py" line="29"/>
        <source>Hanya nomor telepon Indonesia (+62) yang diterima.</source>
        <translation>Only Indonesian (+62) phone numbers are accepted.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/phone.py" line="40"/>
        <source>Nomor telepon diawali 0, 62 atau +62: {text}</source>
        <translation>A phone number starts with 0, 62 or +62: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/phone.py" line="45"/>
        <source>Nomor telepon hanya boleh berisi angka: {text}</source>
        <translation>A phone number may contain digits only: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/phone.py" line="50"/>
        <source>Panjang nomor telepon tidak wajar: {text}</source>
        <translation>The phone number has an unlikely length: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/registration.py" line="87"/>
        <source>Pekerjaan belum dipilih.</source>
        <translation>No occupation chosen.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/tariffs.py" line="264"/>
        <source>Tidak ada tabel iuran yang berlaku pada {date}.</source>
        <translation>No contribution table is in force on {date}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/tariffs.py" line="304"/>
        <source>Penghasilan harus bilangan bulat rupiah.</source>
        <translation>The income must be a whole number of rupiah.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/tariffs.py" line="327"/>
        <source>Penghasilan harus antara {minimum} dan {maximum}.</source>
        <translation>The income must be between {minimum} and {maximum}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/tariffs.py" line="341"/>
        <source>Penghasilan harus kelipatan {step}.</source>
        <translation>The income must be a multiple of {step}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/registration.py" line="103"/>
        <location filename="../../src/loket/domain/tariffs.py" line="296"/>
        <source>Program tidak dikenal.</source>
        <translation>Unknown program.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/registration.py" line="107"/>
        <location filename="../../src/loket/domain/tariffs.py" line="300"/>
        <source>JKK dan JKM wajib diikuti.</source>
        <translation>JKK and JKM are compulsory.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/registration.py" line="115"/>
        <source>Tanggal lahir tidak boleh di masa depan.</source>
        <translation>The date of birth cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/rows.py" line="52"/>
        <source>Impor berhenti: {reason} Sudah tersimpan: {imported} baru, {updated} diperbarui ({read} baris dibaca). Perbaiki berkasnya lalu jalankan impor yang sama lagi: baris yang sudah masuk dilewati.</source>
        <translation>The import stopped: {reason} Already saved: {imported} new, {updated} updated ({read} rows read). Fix the file and run the same import again: rows already in are skipped.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="59"/>
        <source>{file} adalah folder, bukan berkas CSV.</source>
        <translation>{file} is a folder, not a CSV file.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="65"/>
        <source>Berkas {file} tidak ada.</source>
        <translation>There is no file {file}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="77"/>
        <location filename="../../src/loket/services/participant_import/files.py" line="88"/>
        <source>Berkas bukan teks UTF-8: byte yang salah di baris {line}.</source>
        <translation>The file is not UTF-8 text: a wrong byte on line {line}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="100"/>
        <source>Berkas alasan penolakan tidak boleh berkas impornya.</source>
        <translation>The file of rejected rows cannot be the file being imported.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="105"/>
        <source>Tidak bisa menulis {file}: foldernya tidak ada atau itu folder.</source>
        <translation>Cannot write {file}: its folder does not exist, or it is a folder.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/rows.py" line="190"/>
        <source>KPJ harus 11 angka.</source>
        <translation>A KPJ has 11 digits.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/rows.py" line="195"/>
        <source>Tanggal lahir harus berbentuk TTTT-BB-HH.</source>
        <translation>The date of birth must read YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/rows.py" line="225"/>
        <source>Waktu pendaftaran harus berbentuk TTTT-BB-HH atau TTTT-BB-HH JJ:MM.</source>
        <translation>The registration time must look like YYYY-MM-DD or YYYY-MM-DD HH:MM.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="47"/>
        <source>Tanda kutip (&quot;) terbuka di baris {line} menelan {count} baris sampai akhir kutipan: baris-baris ini tidak diimpor. Perbaiki tanda kutipnya lalu impor lagi.</source>
        <translation>A quote (&quot;) opened on line {line} swallowed {count} lines up to where it closes: these lines were not imported. Fix the quote and import again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/load.py" line="108"/>
        <source>NIK sama dengan baris {row}.</source>
        <translation>Same NIK as row {row}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/load.py" line="112"/>
        <source>KPJ sama dengan baris {row}.</source>
        <translation>Same KPJ as row {row}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/load.py" line="140"/>
        <source>KPJ {kpj} sudah milik peserta lain.</source>
        <translation>KPJ {kpj} belongs to another participant.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/load.py" line="150"/>
        <source>NIK sudah terdaftar dengan KPJ {kpj}.</source>
        <translation>This NIK is already registered under KPJ {kpj}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="168"/>
        <location filename="../../src/loket/services/participant_import/parallel.py" line="163"/>
        <source>Berkas bukan teks UTF-8.</source>
        <translation>The file is not UTF-8 text.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/parallel.py" line="170"/>
        <source>Berkas CSV rusak: {reason}</source>
        <translation>The CSV file is damaged: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participant_import/files.py" line="176"/>
        <source>Kolom wajib tidak ada di berkas: {columns}</source>
        <translation>Required columns missing from the file: {columns}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="93"/>
        <source>Jenjang sekolah {name} tidak dikenal.</source>
        <translation>Unknown school level for {name}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/inputs.py" line="186"/>
        <source>Pilih jenis manfaat.</source>
        <translation>Choose the benefit.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/inputs.py" line="195"/>
        <source>Pilih alasan pengambilan JHT.</source>
        <translation>Choose the reason for the JHT payout.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/inputs.py" line="204"/>
        <source>Pilih dasar beasiswa (sebab).</source>
        <translation>Choose why the scholarship is due.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="134"/>
        <source>Isi tanggal kejadian.</source>
        <translation>Enter the date of the event.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="104"/>
        <source>Isi tanggal rincian saldo JHT.</source>
        <translation>Enter the date of the JHT balance statement.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="54"/>
        <source>Iuran PU/JAKON dibayar pemberi kerja: kepesertaan saat kejadian (dan masa iur untuk beasiswa) menurut surat keterangan pemberi kerja — periksa sebelum menyetujui.</source>
        <translation>PU/JAKON dues are paid by the employer: membership at the time of the event (and the contribution period for a scholarship) rests on the employer&apos;s statement — check it before approving.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="196"/>
        <source>Isi masa tidak mampu bekerja (dari–sampai).</source>
        <translation>Fill in the days unable to work (from–until).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="265"/>
        <source>Ahli waris tidak ditemukan pada peserta ini.</source>
        <translation>That heir is not recorded for this participant.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="271"/>
        <source>Pilih ahli waris yang mengajukan klaim.</source>
        <translation>Choose the heir who claims.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="280"/>
        <source>Isi NIK ahli waris {name} (dari KTP).</source>
        <translation>Enter the NIK of heir {name} (from the ID card).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="297"/>
        <source>Pengurus pemakaman hanya menerima biaya pemakaman dari klaim kematian (JKM/JKK), tanpa beasiswa.</source>
        <translation>Whoever arranged the funeral receives only the funeral cost of a death claim (JKM/JKK), without scholarships.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="306"/>
        <source>Peserta mempunyai ahli waris ({names}): manfaat dibayar kepada ahli waris, bukan kepada pengurus pemakaman.</source>
        <translation>The participant has heirs ({names}): the benefit goes to the heirs, not to whoever arranged the funeral.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="328"/>
        <source>Isi nama bank penerima.</source>
        <translation>Enter the recipient&apos;s bank.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="334"/>
        <source>Nomor rekening 6–20 angka.</source>
        <translation>Account number: 6–20 digits.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="338"/>
        <source>Isi nama pemilik rekening.</source>
        <translation>Enter the account holder&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="367"/>
        <source>Beasiswa {name} sudah diajukan dalam klaim {number}.</source>
        <translation>{name}&apos;s scholarship is already claimed in claim {number}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="390"/>
        <source>Masa {first}–{last} kecelakaan ini sudah diajukan dalam klaim {number}: masa berikutnya mulai {next}.</source>
        <translation>The period {first}–{last} of this accident is already claimed in claim {number}: the next period starts {next}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="404"/>
        <source>Manfaat kematian (JKM/JKK) peserta ini sudah diajukan dalam klaim {number}: hanya dibayar sekali.</source>
        <translation>This participant&apos;s death benefit (JKM/JKK) is already claimed in {number}: it is paid once.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="409"/>
        <source>Santunan cacat total tetap sudah diajukan dalam klaim {number}.</source>
        <translation>The permanent total disability benefit is already claimed in {number}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="412"/>
        <source>JHT peserta ini sudah diajukan seluruhnya dalam klaim {number}.</source>
        <translation>This participant&apos;s whole JHT is already claimed in {number}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/eligibility.py" line="415"/>
        <source>JHT sebagian sudah diajukan dalam klaim {number}: hanya sekali.</source>
        <translation>A partial JHT payout is already claimed in {number}: only once.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="174"/>
        <source>Dokumen tidak dikenal: {codes}.</source>
        <translation>Unknown documents: {codes}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="78"/>
        <location filename="../../src/loket/services/corrections.py" line="173"/>
        <location filename="../../src/loket/services/participants.py" line="275"/>
        <location filename="../../src/loket/services/payments.py" line="293"/>
        <source>Peserta tidak ditemukan.</source>
        <translation>Participant not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="85"/>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="420"/>
        <location filename="../../src/loket/services/claims/queries.py" line="79"/>
        <source>Klaim tidak ditemukan.</source>
        <translation>Claim not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="92"/>
        <source>Klaim {number} berstatus {status}: langkah ini tidak berlaku.</source>
        <translation>Claim {number} is {status}: this step does not apply.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="154"/>
        <source>Tulis alasan supervisor mengizinkan klaim yang lewat 2 tahun.</source>
        <translation>Write the supervisor&apos;s reason for allowing a claim after two years.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="298"/>
        <source>Peserta sebuah klaim tidak dapat diganti.</source>
        <translation>A claim&apos;s participant cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="320"/>
        <source>Dokumen belum diperiksa: {documents}.</source>
        <translation>Documents not yet checked: {documents}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="360"/>
        <source>Klaim yang Anda buat atau ubah sendiri harus diputuskan orang lain.</source>
        <translation>A claim you created or edited must be decided by someone else.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="374"/>
        <source>Klaim {total} melebihi batas persetujuan Anda ({limit}): harus disetujui kepala kantor cabang.</source>
        <translation>The claim of {total} is above your approval limit ({limit}): the branch head must approve it.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="399"/>
        <source>Cara pembayaran yang diizinkan: {methods}.</source>
        <translation>Allowed payout methods: {methods}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="409"/>
        <source>Isi bank dan nomor rekening tujuan.</source>
        <translation>Enter the destination bank and account number.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="414"/>
        <source>Isi nomor referensi transfer.</source>
        <translation>Enter the transfer reference number.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="426"/>
        <source>Tunggakan iuran {months} belum dibayar: manfaat ini dibayar setelah tunggakan dilunasi (PP 44/2015 ps. 42).</source>
        <translation>The arrears of {months} are not paid: this benefit is paid once they are (PP 44/2015 art. 42).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="436"/>
        <source>Jumlah dibayar harus sama dengan yang disetujui: {amount}.</source>
        <translation>The amount paid must equal the approved amount: {amount}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="461"/>
        <source>Klaim {number} sudah dibayar.</source>
        <translation>Claim {number} has already been paid.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="487"/>
        <source>Manfaat klaim {number} berubah sejak disetujui ({approved} → {now}): ajukan kembali untuk persetujuan.</source>
        <translation>The benefit of claim {number} changed since its approval ({approved} → {now}): submit it again for approval.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="527"/>
        <source>Klaim {number} tidak mempunyai sisa manfaat yang menunggu tunggakan.</source>
        <translation>Claim {number} has no rest waiting for arrears.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="535"/>
        <source>Sisa klaim {number} sudah diajukan: {other}.</source>
        <translation>The rest of claim {number} is already claimed: {other}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="543"/>
        <source>Tunggakan iuran {months} belum dibayar (halaman Pembayaran).</source>
        <translation>The arrears of {months} are not paid (Payments page).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="591"/>
        <source>Isi tempat serah terima.</source>
        <translation>Enter the place of the handover.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="598"/>
        <source>Isi paling sedikit satu saksi.</source>
        <translation>Enter at least one witness.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="606"/>
        <source>Tanggal serah terima tidak boleh di masa depan.</source>
        <translation>The handover date cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claims/lifecycle.py" line="613"/>
        <source>Tanggal serah terima tidak boleh sebelum pembayaran.</source>
        <translation>The handover date cannot be before the payout.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="100"/>
        <source>NIK ini sudah terdaftar: {name}, KPJ {kpj}.</source>
        <translation>This NIK is registered already: {name}, KPJ {kpj}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="131"/>
        <source>Tanggal lahir tidak sama dengan NIK ({date}). Jika tanggal lahir ini benar (NIK tidak pernah diubah), supervisor menyetujuinya dengan kata sandinya.</source>
        <translation>The birth date differs from the NIK&apos;s ({date}). If this birth date is right (an NIK is never changed), a supervisor confirms it with their password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="147"/>
        <source>Ada peserta dengan nama mirip dan tanggal lahir sama: {names}. Pastikan ini orang yang berbeda.</source>
        <translation>A participant with a similar name and the same date of birth exists: {names}. Make sure this is a different person.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/text.py" line="51"/>
        <source>Isian memuat karakter kendali yang tidak terlihat.</source>
        <translation>The field contains invisible control characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/text.py" line="58"/>
        <source>Isian terlalu panjang (lebih dari {limit} karakter).</source>
        <translation>Too long (over {limit} characters).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="164"/>
        <source>Hubungan atau jenjang pendidikan ahli waris tidak dikenal.</source>
        <translation>Unknown heir relation or education level.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="198"/>
        <source>Jenis kelamin belum dipilih.</source>
        <translation>Sex not chosen yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="403"/>
        <source>Sumber dana sponsor harus swasta, APBN atau APBD.</source>
        <translation>The sponsor&apos;s funding must be private, APBN or APBD.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="90"/>
        <source>Penghasilan dilaporkan hanya untuk peserta BPU.</source>
        <translation>Declared income applies to BPU participants only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="99"/>
        <source>Isian ini wajib diisi.</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="119"/>
        <location filename="../../src/loket/services/registration.py" line="202"/>
        <source>Jenis kelamin tidak sama dengan NIK.</source>
        <translation>The sex differs from the NIK.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="125"/>
        <source>NIK {nik} sudah dipakai peserta KPJ {kpj}.</source>
        <translation>NIK {nik} is used by participant KPJ {kpj}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="168"/>
        <source>Tuliskan alasan perubahan.</source>
        <translation>Write the reason for the change.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="187"/>
        <source>Tidak ada yang berubah.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="213"/>
        <source>Sudah ada perubahan data identitas yang menunggu persetujuan.</source>
        <translation>Identity changes for this participant already wait for approval.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="284"/>
        <source>Permintaan perubahan ini sudah diputuskan atau tidak ada.</source>
        <translation>This change request was decided already or does not exist.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/four_eyes.py" line="35"/>
        <source>Perubahan yang Anda ajukan sendiri harus disetujui orang lain.</source>
        <translation>A change you asked for must be approved by someone else.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/four_eyes.py" line="55"/>
        <source>Hanya supervisor atau kepala kantor yang dapat menyetujui.</source>
        <translation>Only a supervisor or the branch head can approve.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="207"/>
        <source>Hari {date} sudah ditutup menurut jejak audit, tetapi catatan penutupannya hilang. Tidak ada transaksi kas untuk hari itu; laporkan ke kantor wilayah.</source>
        <translation>The audit trail says day {date} was closed, but its closing record is missing. No cash transactions for that day; report it to the regional office.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="217"/>
        <source>Hari {date} sudah ditutup oleh {name}: tidak ada transaksi kas lagi untuk hari itu.</source>
        <translation>{date} was closed by {name}: no more cash transactions for that day.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="279"/>
        <source>Kas loket ini masih atas nama {name}: lakukan serah terima kas (hitung laci) dulu.</source>
        <translation>This counter&apos;s cash is still held by {name}: take the drawer over (count it) first.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="290"/>
        <source>Sesi kas tanggal {date} belum ditutup: hitung dan tutup kas loket dulu.</source>
        <translation>The cash session of {date} is still open: count and close the drawer first.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="328"/>
        <location filename="../../src/loket/services/cash_sessions.py" line="465"/>
        <source>Sesi kas tidak ditemukan.</source>
        <translation>Cash session not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="366"/>
        <source>Sesi kas loket ini sudah dibuka.</source>
        <translation>This counter&apos;s cash session is already open.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="402"/>
        <source>Kas kurang {amount}: tuliskan alasannya, lalu minta persetujuan supervisor.</source>
        <translation>Cash short by {amount}: write down why, then ask a supervisor to approve.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="406"/>
        <source>Kas lebih {amount}: tuliskan alasannya, lalu minta persetujuan supervisor.</source>
        <translation>Cash over by {amount}: write down why, then ask a supervisor to approve.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="417"/>
        <source>Selisih kas harus disetujui supervisor lain dengan kata sandinya.</source>
        <translation>A cash difference must be approved by another supervisor with their password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="425"/>
        <location filename="../../src/loket/services/four_eyes.py" line="62"/>
        <source>Persetujuan harus dari supervisor lain.</source>
        <translation>The approval must come from another supervisor.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="468"/>
        <source>Sesi kas ini sudah ditutup.</source>
        <translation>This cash session is already closed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="472"/>
        <source>Hanya pemegang kas atau supervisor yang dapat menutup sesi ini.</source>
        <translation>Only the drawer&apos;s holder or a supervisor can close this session.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/cash_sessions.py" line="522"/>
        <source>Tidak ada kas orang lain untuk diserahterimakan.</source>
        <translation>There is no one else&apos;s drawer to take over.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/four_eyes.py" line="26"/>
        <source>Tuliskan alasan penolakan.</source>
        <translation>Write the reason for rejecting.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="209"/>
        <source>Tempat lahir belum diisi.</source>
        <translation>The place of birth is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="215"/>
        <source>Alamat belum diisi.</source>
        <translation>The address is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/corrections.py" line="84"/>
        <location filename="../../src/loket/services/registration.py" line="219"/>
        <source>Provinsi belum dipilih.</source>
        <translation>No province chosen.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="113"/>
        <source>NIK ini sudah terdaftar di cabang {branch}: KPJ {kpj}. Jangan didaftarkan lagi; layani dengan KPJ itu.</source>
        <translation>This NIK is already registered at branch {branch}: KPJ {kpj}. Do not register it again; serve the person under that KPJ.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="226"/>
        <source>Alamat e-mail tidak valid.</source>
        <translation>Not a valid e-mail address.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="232"/>
        <source>Segmen kepesertaan tidak dikenal.</source>
        <translation>Unknown membership segment.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="238"/>
        <source>Penghasilan belum diisi.</source>
        <translation>The income is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="245"/>
        <source>NPP perusahaan harus 8 angka.</source>
        <translation>The employer&apos;s NPP has 8 digits.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="324"/>
        <source>Cabang belum punya awalan KPJ: admin mengaturnya dengan &apos;loket-admin branch set-kpj-prefix&apos;.</source>
        <translation>The branch has no KPJ prefix yet: an admin sets it with &apos;loket-admin branch set-kpj-prefix&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="152"/>
        <source>Nomor kuitansi kertas seperti KW/{code}/2026/000123.</source>
        <translation>A paper receipt&apos;s number looks like KW/{code}/2026/000123.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="158"/>
        <source>Waktu di kuitansi kertas belum terjadi.</source>
        <translation>The time on the paper receipt has not come yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="163"/>
        <source>Tahun pada nomor kuitansi tidak sama dengan tanggal kuitansinya.</source>
        <translation>The year in the receipt&apos;s number is not the year of its date.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="170"/>
        <source>Kuitansi {number} sudah ada di database ini; yang kertas tidak perlu dimasukkan lagi.</source>
        <translation>Receipt {number} is already in this database; the paper one need not be entered again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="244"/>
        <source>Klaim tidak ditemukan pada peserta ini.</source>
        <translation>No such claim for this participant.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="250"/>
        <source>Klaim {number} tidak menunggu tunggakan iuran.</source>
        <translation>Claim {number} is not waiting for arrears.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="257"/>
        <source>Tunggakan saat kejadian klaim {number}: {count} bulan, {months}.</source>
        <translation>Arrears at the event of claim {number}: {count} months, {months}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="278"/>
        <source>Belum ada peserta yang dibayar.</source>
        <translation>No participant to pay for yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="283"/>
        <source>Seorang peserta tercantum dua kali.</source>
        <translation>A participant is listed twice.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="297"/>
        <source>Kepesertaan {name} berstatus {status}: iuran tidak dapat diterima di loket.</source>
        <translation>{name}&apos;s membership is {status}: dues cannot be taken at the counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="307"/>
        <source>Iuran {name} ({segment}) dibayar oleh pemberi kerja, bukan di loket.</source>
        <translation>{name}&apos;s dues ({segment}) are paid by the employer, not at the counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="401"/>
        <source>Cara bayar tidak dikenal.</source>
        <translation>Unknown payment method.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="409"/>
        <source>Nomor referensi transfer/QRIS wajib diisi.</source>
        <translation>The transfer/QRIS reference is required.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="425"/>
        <source>Uang yang diterima kurang dari {total}.</source>
        <translation>The cash received is less than {total}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="441"/>
        <source>Referensi {reference} sudah dipakai kuitansi {number}.</source>
        <translation>Reference {reference} was used for receipt {number} already.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/payments.py" line="453"/>
        <location filename="../../src/loket/services/registration.py" line="343"/>
        <source>Pemberi kerja/sponsor tidak ditemukan.</source>
        <translation>Sponsor not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/registration.py" line="398"/>
        <source>Jenis sponsor harus perorangan atau organisasi.</source>
        <translation>A sponsor is a person or an organisation.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/heirs_editor.py" line="154"/>
        <source>Tanggal lahir ahli waris {name} harus hh-bb-tttt.</source>
        <translation>The heir {name}&apos;s date of birth must read dd-mm-yyyy.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/coverage.py" line="58"/>
        <source>Jumlah bulan harus 1 sampai {maximum}.</source>
        <translation>The number of months must be 1 to {maximum}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/coverage.py" line="122"/>
        <source>Kepesertaan non-aktif sejak {since} (menunggak lebih dari {limit} bulan): bulan yang terlewat tidak dapat dibayar; iuran dimulai lagi {first}.</source>
        <translation>Membership inactive since {since} (more than {limit} months in arrears): the missed months cannot be paid; dues start again from {first}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/coverage.py" line="133"/>
        <source>Iuran dibayar berurutan: bulan pertama yang harus dibayar {first}.</source>
        <translation>Dues are paid in order: the first month due is {first}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/receipts.py" line="69"/>
        <source>Kuitansi tidak ditemukan.</source>
        <translation>Receipt not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/receipts.py" line="202"/>
        <source>Tuliskan alasan pembatalan.</source>
        <translation>Write the reason for voiding.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/receipts.py" line="208"/>
        <source>Kuitansi {number} sudah dibatalkan atau sedang menunggu pembatalan.</source>
        <translation>Receipt {number} is void already or waits to be voided.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/receipts.py" line="256"/>
        <source>Tidak ada permintaan pembatalan untuk kuitansi ini.</source>
        <translation>There is no void request for this receipt.</translation>
    </message>
    <message>
        <location filename="../../src/loket/printing/printer.py" line="17"/>
        <source>Gagal mencetak: {reason}</source>
        <translation>Printing failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="367"/>
        <source>Alamat printer ESC/POS tidak dikenal: {target}. Contoh: escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, escpos+file:///dev/usb/lp0</source>
        <translation>Unknown ESC/POS printer address: {target}. Examples: escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, escpos+file:///dev/usb/lp0</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="378"/>
        <source>Printer ESC/POS hanya untuk kertas gulung 80mm.</source>
        <translation>An ESC/POS printer is only for 80mm roll paper.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="287"/>
        <source>Pengaturan {key} tidak ada.</source>
        <translation>There is no setting {key}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="137"/>
        <source>Tanggal kejadian tidak boleh di masa depan.</source>
        <translation>The date of the event cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="142"/>
        <source>Tanggal kejadian sebelum peserta terdaftar ({registered}).</source>
        <translation>The date of the event is before the participant registered ({registered}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="157"/>
        <source>Iuran bulan {month} tidak dibayar: peserta tidak terlindungi saat kejadian.</source>
        <translation>Dues for {month} were not paid: the participant was not covered at the time.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="181"/>
        <source>Iuran tertunggak {count} bulan saat kejadian ({first}–{last}): lebih dari {limit} bulan, hak atas manfaat tidak ada (PP 44/2015 ps. 42).</source>
        <translation>Dues {count} months in arrears at the event ({first}–{last}): more than {limit} months, no right to the benefit (PP 44/2015 art. 42).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="218"/>
        <source>Hak atas manfaat JKK gugur 2 tahun setelah kecelakaan ({accident}; batas {until}) (PP 44/2015 ps. 26). Supervisor dapat mengizinkan dengan alasan tertulis.</source>
        <translation>The right to JKK benefits lapses 2 years after the accident ({accident}; deadline {until}) (PP 44/2015 art. 26). A supervisor may allow it with a written reason.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/death.py" line="71"/>
        <source>JKM baru dapat dibayar setelah {required} bulan iuran berturut-turut; sampai bulan meninggal baru {paid} bulan.</source>
        <translation>JKM is payable after {required} consecutive paid months; up to the month of death there were only {paid}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/common.py" line="233"/>
        <source>Upah/penghasilan yang dilaporkan tidak ada.</source>
        <translation>No reported wage/income.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="83"/>
        <source>Beasiswa tanpa kematian peserta hanya dibayar setelah cacat total tetap akibat kecelakaan kerja (JKK).</source>
        <translation>Without the participant&apos;s death, a scholarship is paid only after a permanent total disability from a work accident (JKK).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="96"/>
        <source>Beasiswa memerlukan masa iur paling sedikit {required} bulan; peserta baru membayar {months} bulan.</source>
        <translation>A scholarship needs at least {required} paid months; the participant has paid {months}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="121"/>
        <source>Tambahkan anak yang menerima beasiswa.</source>
        <translation>Add the children who receive the scholarship.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="126"/>
        <source>Beasiswa paling banyak untuk {max} anak.</source>
        <translation>Scholarships are for at most {max} children.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="135"/>
        <source>{name}: {stage} hanya kelas/tahun 1 sampai {years}.</source>
        <translation>{name}: {stage} has grades/years 1 to {years} only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/scholarship.py" line="146"/>
        <source>{name} berusia {age} tahun: beasiswa hanya bagi anak yang belum berusia {limit} tahun.</source>
        <translation>{name} is {age}: a scholarship is only for a child not yet {limit}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="75"/>
        <source>Isi saldo JHT dari rincian saldo pusat.</source>
        <translation>Enter the JHT balance from the central statement.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="80"/>
        <source>Tanggal rincian saldo tidak boleh di masa depan.</source>
        <translation>The statement date cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="86"/>
        <source>Peserta belum berusia {age} tahun (usia sekarang {now}).</source>
        <translation>The participant is not yet {age} (now {now}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="97"/>
        <source>JHT karena berhenti bekerja dapat diajukan mulai {date} (masa tunggu satu bulan).</source>
        <translation>JHT for stopping work can be claimed from {date} (one month&apos;s waiting period).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="124"/>
        <source>Pengambilan sebagian JHT memerlukan kepesertaan {required} tahun; peserta baru {years} tahun.</source>
        <translation>A partial JHT payout needs {required} years of membership; the participant had {years}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="135"/>
        <source>JHT sebagian sudah pernah diambil: hanya sekali.</source>
        <translation>A partial JHT payout was already taken: once only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="141"/>
        <source>Isi jumlah yang diminta (paling banyak {cap}, {percent}% saldo).</source>
        <translation>Fill in the amount asked for (at most {cap}, {percent}% of the balance).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/jht.py" line="150"/>
        <source>Pengambilan sebagian paling banyak {percent}% saldo: {cap}; diminta {requested}.</source>
        <translation>A partial payout is at most {percent}% of the balance: {cap}; asked {requested}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/entitlement.py" line="50"/>
        <source>{name} bukan ahli waris yang berhak. Yang berhak: {entitled}.</source>
        <translation>{name} is not the entitled heir. Entitled: {entitled}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claim_documents.py" line="88"/>
        <source>Klaim {number} belum diserahterimakan.</source>
        <translation>Claim {number} has not been handed over yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/claim_documents.py" line="93"/>
        <source>Klaim {number} tidak memuat beasiswa.</source>
        <translation>Claim {number} has no scholarship.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/participants.py" line="245"/>
        <source>Masukkan KPJ atau NIK lengkap dari satu peserta.</source>
        <translation>Enter one participant&apos;s full KPJ or NIK.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/sync.py" line="440"/>
        <source>Server pusat tidak mengenal konflik ini lagi.</source>
        <translation>The central server no longer knows this conflict.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/sync.py" line="472"/>
        <source>Konflik NIK tidak ditemukan.</source>
        <translation>NIK conflict not found.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/sync.py" line="475"/>
        <source>Konflik NIK ini sudah diputuskan.</source>
        <translation>This NIK conflict has already been decided.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/sync.py" line="479"/>
        <source>Pilih salah satu dari dua KPJ yang bentrok.</source>
        <translation>Choose one of the two conflicting KPJs.</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="56"/>
        <source>Server menolak token cabang ini. Periksa token di Server pusat.</source>
        <translation>The server refused this branch&apos;s token. Check the token on the Central server page.</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="62"/>
        <source>Server pusat sudah memegang kejadian lain dengan nomor urut yang dikirim cabang ini: database cabang mundur (dipulihkan dari cadangan tanpa pemulihannya). Tidak ada yang dikirim. Pulihkan dengan &apos;loket-admin restore&apos; dari cadangan terakhir, atau hubungi kantor wilayah.</source>
        <translation>The central server already holds other events under the numbers this branch sent: the branch&apos;s database went back (restored from a backup without its recovery). Nothing was sent. Restore it with &apos;loket-admin restore&apos; from the last backup, or call the regional office.</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="72"/>
        <source>Server pusat menolak kepala rantai audit: {detail}. Laporkan ke kantor wilayah.</source>
        <translation>The central server refused the head of the audit chain: {detail}. Report this to the regional office.</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="80"/>
        <source>Token ini milik cabang lain: {detail}</source>
        <translation>This token belongs to another branch: {detail}</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="84"/>
        <source>Server menolak kiriman (HTTP {status}): {detail}</source>
        <translation>The server refused the batch (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="132"/>
        <source>Sertifikat server pusat tidak dikenali komputer ini ({reason}). Pasang sertifikat CA kantor pusat di sistem, atau arahkan Loket ke berkasnya dengan variabel lingkungan SSL_CERT_FILE (lihat README).</source>
        <translation>This computer does not trust the central server&apos;s certificate ({reason}). Install the head office&apos;s CA certificate in the system, or point Loket at its file with the SSL_CERT_FILE environment variable (see the README).</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="142"/>
        <location filename="../../src/loket/sync/client.py" line="147"/>
        <source>Server pusat tidak terjangkau ({reason}).</source>
        <translation>The central server cannot be reached ({reason}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/client.py" line="152"/>
        <source>Server pusat sedang bermasalah (HTTP {status}).</source>
        <translation>The central server has a problem (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/keys.py" line="29"/>
        <source>Komputer ini tidak punya keyring yang bisa dipakai untuk menyimpan token dengan aman ({detail}). Pilihan: di Linux pasang dan jalankan GNOME Keyring atau KWallet dalam sesi desktop; di Windows/macOS keyring sudah tersedia. Tanpa keyring, kirim data lewat &apos;loket-admin sync export&apos; (flashdisk).</source>
        <translation>This computer has no usable keyring to keep the token safely ({detail}). Options: on Linux install and run GNOME Keyring or KWallet in the desktop session; Windows and macOS have one built in. Without a keyring, carry the data with &apos;loket-admin sync export&apos; (USB stick).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="34"/>
        <source>Token ini bukan token cabang {code} (salin lagi dari server pusat).</source>
        <translation>This is not branch {code}&apos;s token (copy it again from the central server).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="144"/>
        <source>Masa tidak mampu bekerja harus mulai pada/sesudah tanggal kecelakaan dan berakhir paling lambat hari ini.</source>
        <translation>The days unable to work must start on or after the accident and end by today.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="243"/>
        <source>{name}: isi persen menurut luasnya, {low}–{high} (surat dokter).</source>
        <translation>{name}: enter the percentage by its extent, {low}–{high} (doctor&apos;s statement).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="255"/>
        <source>{name}: isi penurunan pendengaran dalam dB, 10–150 (audiogram).</source>
        <translation>{name}: enter the hearing loss in dB, 10–150 (audiogram).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="268"/>
        <source>{name}: persen fungsi yang hilang 1–100 (surat dokter).</source>
        <translation>{name}: percentage of function lost 1–100 (doctor&apos;s statement).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="298"/>
        <source>Pilih jenis cacat dari tabel (surat dokter).</source>
        <translation>Choose the injuries from the table (doctor&apos;s statement).</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/benefits/work_accident.py" line="304"/>
        <source>Jenis cacat tidak dikenal atau tercantum dua kali.</source>
        <translation>An injury is unknown or listed twice.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/cash.py" line="51"/>
        <source>Pecahan {key} tidak dikenal.</source>
        <translation>Unknown denomination {key}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/cash.py" line="55"/>
        <source>Jumlah lembar/keping harus bilangan bulat ≥ 0.</source>
        <translation>The number of notes/coins must be a whole number ≥ 0.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/cash.py" line="59"/>
        <source>Jumlah {pieces} untuk satu pecahan tidak wajar.</source>
        <translation>{pieces} of one denomination is not plausible.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="130"/>
        <source>Hari yang belum tiba tidak dapat ditutup.</source>
        <translation>A day that has not come yet cannot be closed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="135"/>
        <source>Hari {date} sudah ditutup oleh {name}.</source>
        <translation>{date} was already closed by {name}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="143"/>
        <source>Kas loket belum ditutup: {drawers}. Tutup kasnya dulu.</source>
        <translation>Counter drawers still open: {drawers}. Close them first.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="195"/>
        <source>Hari {date} belum ditutup.</source>
        <translation>{date} has not been closed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="212"/>
        <source>Format laporan tidak dikenal.</source>
        <translation>Unknown report format.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/reports.py" line="73"/>
        <source>Tanggal akhir sebelum tanggal awal.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/reports.py" line="77"/>
        <source>Periode laporan paling panjang 5 tahun.</source>
        <translation>A report covers at most 5 years.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/closing.py" line="226"/>
        <source>Laporan tidak dapat disimpan di {file}: {reason}</source>
        <translation>The report cannot be saved at {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/change_password_dialog.py" line="101"/>
        <source>Kedua kata sandi baru tidak sama.</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="80"/>
        <source>Folder cadangan {folder} tidak dapat dibuat: {why}</source>
        <translation>The backup folder {folder} cannot be made: {why}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="104"/>
        <source>Cadangan tidak dapat ditulis ke {folder}: {why}</source>
        <translation>The backup cannot be written to {folder}: {why}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="149"/>
        <source>Cadangan {file} rusak ({problem}); tidak disimpan.</source>
        <translation>Backup {file} is damaged ({problem}); not kept.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="164"/>
        <location filename="../../src/loket/services/backups.py" line="350"/>
        <source>Rantai audit di cadangan {file} tidak utuh ({problem}); tidak disimpan.</source>
        <translation>The audit chain in backup {file} does not hold ({problem}); not kept.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="178"/>
        <source>{tool} tidak ditemukan: pasang klien PostgreSQL.</source>
        <translation>{tool} not found: install the PostgreSQL client.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="190"/>
        <source>{tool} gagal: {why}</source>
        <translation>{tool} failed: {why}</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="234"/>
        <location filename="../../src/loket/services/backups.py" line="433"/>
        <source>Berkas cadangan {file} tidak ada.</source>
        <translation>The backup file {file} does not exist.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="418"/>
        <source>Cadangan {file} memuat yang tidak dibuat Loket ({objects}); tidak dipulihkan.</source>
        <translation>Backup {file} holds what Loket did not make ({objects}); not restored.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="315"/>
        <location filename="../../src/loket/services/backups.py" line="482"/>
        <source>Cadangan {file} milik cabang {theirs}, bukan cabang database ini ({ours}); tidak dipulihkan. Bila memang itu maksudnya, ulangi dengan --other-branch.</source>
        <translation>Backup {file} belongs to branch {theirs}, not to this database&apos;s branch ({ours}); not restored. If that is what you mean, run it again with --other-branch.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/backups.py" line="306"/>
        <location filename="../../src/loket/services/backups.py" line="509"/>
        <source>Database {file} masih dibuka program Loket lain (loket atau loket-admin): tutup semua dulu, lalu pulihkan lagi.</source>
        <translation>Database {file} is still open in another Loket program (loket or loket-admin): close them all first, then restore again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/provision.py" line="54"/>
        <source>--superuser-url hanya untuk --db PostgreSQL dengan nama pengguna dan database, mis. postgresql+psycopg://loket:SANDI@10.0.0.5/loket.</source>
        <translation>--superuser-url is only for a PostgreSQL --db with a user name and a database, e.g. postgresql+psycopg://loket:PASSWORD@10.0.0.5/loket.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/provision.py" line="88"/>
        <source>PostgreSQL menolak: {reason}</source>
        <translation>PostgreSQL refused: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/engine.py" line="109"/>
        <source>Database ini dipulihkan dari cadangan dan belum tersambung ke server pusat: sinkronkan sekali secara daring sebelum membuat bundel kejadian.</source>
        <translation>This database was restored from a backup and has not reached the central server yet: sync once online before making an events bundle.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/common.py" line="33"/>
        <source>Kuota hari ini untuk {service} ({quota} nomor) sudah habis. Silakan pesan jadwal lewat layanan booking online untuk hari lain.</source>
        <translation>Today&apos;s quota for {service} ({quota} numbers) is taken. Please book a time on another day through the online booking.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/common.py" line="112"/>
        <source>Layanan antrean {prefix} tidak ada.</source>
        <translation>There is no queue service {prefix}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/tickets.py" line="74"/>
        <source>Kode booking {code} tidak ditemukan untuk hari ini. Periksa kodenya, atau ambil nomor antrean biasa.</source>
        <translation>Booking code {code} is not found for today. Check the code, or take an ordinary queue number.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/tickets.py" line="87"/>
        <source>Kode booking {code} sudah dipakai untuk nomor {ticket}.</source>
        <translation>Booking code {code} was already used for number {ticket}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="52"/>
        <source>Antrean dilayani dari sebuah loket: masuk di loket.</source>
        <translation>The queue is served from a counter: log in at a counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="110"/>
        <source>Loket ini sedang jeda: lanjutkan dulu untuk memanggil.</source>
        <translation>This counter is on a break: resume it first to call.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="165"/>
        <source>Belum ada nomor yang dipanggil di loket ini.</source>
        <translation>No number has been called at this counter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="193"/>
        <source>Pilih layanan lain untuk mengalihkan.</source>
        <translation>Choose another service to transfer to.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="272"/>
        <source>Nomor {code} tidak sedang menunggu.</source>
        <translation>Number {code} is not waiting.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="309"/>
        <source>Nilai 1 sampai 5.</source>
        <translation>A rating from 1 to 5.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/counter.py" line="330"/>
        <source>Tidak ada layanan yang baru selesai untuk dinilai.</source>
        <translation>No service has just finished to be rated.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/setup.py" line="40"/>
        <source>Kode layanan satu huruf (A–Z).</source>
        <translation>A service&apos;s code is one letter (A–Z).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/setup.py" line="44"/>
        <source>Kuota harian 0 (tanpa batas) sampai 999.</source>
        <translation>The daily quota is 0 (no limit) to 999.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/setup.py" line="49"/>
        <source>Nama layanan 2 sampai 80 huruf.</source>
        <translation>A service&apos;s name is 2 to 80 characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/setup.py" line="56"/>
        <source>Layanan baru perlu nama.</source>
        <translation>A new service needs a name.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/queue/setup.py" line="116"/>
        <source>Setiap layanan cukup disebut sekali.</source>
        <translation>Name each service once.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/kiosk.py" line="36"/>
        <source>Hanya admin cabang yang dapat menutup kiosk.</source>
        <translation>Only the branch admin can close the kiosk.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="420"/>
        <source>Tanggal lahir belum diisi.</source>
        <translation>Birth date not given yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/recovery.py" line="178"/>
        <source>Tidak ada pemulihan yang perlu ditandai.</source>
        <translation>There is no recovery to mark.</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/worker.py" line="55"/>
        <source>Sinkronisasi belum diatur: alamat server pusat belum diisi (admin cabang, halaman Server pusat).</source>
        <translation>Sync is not set up: the central server&apos;s address is empty (the branch admin, Central server page).</translation>
    </message>
    <message>
        <location filename="../../src/loket/sync/worker.py" line="62"/>
        <source>Token cabang {code} belum ada di keyring pengguna ini di komputer ini (alamat server sudah diatur). Sebagai pengguna ini jalankan &apos;loket-admin sync set-token&apos; atau &apos;loket-admin connect&apos;, atau isi di halaman Server pusat.</source>
        <translation>Branch {code}&apos;s token is not in this user&apos;s keyring on this computer (the server&apos;s address is set). As this user run &apos;loket-admin sync set-token&apos; or &apos;loket-admin connect&apos;, or enter it on the Central server page.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="345"/>
        <source>Loket — {branch}</source>
        <translation>Loket — {branch}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="347"/>
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="348"/>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="350"/>
        <source>Pengguna: {name} · {user}</source>
        <translation>User: {name} · {user}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="352"/>
        <source>Cabang: {code}</source>
        <translation>Branch: {code}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="354"/>
        <source>Loket: {name}</source>
        <translation>Counter: {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="354"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="356"/>
        <source>Database: {db}</source>
        <translation>Database: {db}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="22"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="25"/>
        <source>Cari peserta</source>
        <translation>Find participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="31"/>
        <source>Pendaftaran peserta</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="37"/>
        <source>Pembayaran iuran</source>
        <translation>Contribution payments</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="43"/>
        <source>Klaim &amp; serah terima</source>
        <translation>Claims &amp; handover</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="48"/>
        <source>Persetujuan</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="51"/>
        <source>Rekap harian</source>
        <translation>Daily closing</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="54"/>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="57"/>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="61"/>
        <source>Cabang, loket &amp; printer</source>
        <translation>Branch, counters &amp; printers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="64"/>
        <source>Impor peserta</source>
        <translation>Import participants</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="65"/>
        <source>Server pusat</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="66"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PaperReceiptDialog</name>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="33"/>
        <source>Kuitansi kertas</source>
        <translation>Paper receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="38"/>
        <source>Untuk kuitansi yang sudah diserahkan di atas kertas tetapi catatannya hilang bersama disk (lihat daftar PERHATIAN sesudah pemulihan). Isi peserta, bulan dan cara bayar di halaman ini seperti di kuitansi; di sini nomor dan waktunya persis seperti tercetak. Seorang supervisor menyetujui.</source>
        <translation>For a receipt handed over on paper whose record went with the disk (see the WARNING list after a restore). Enter the participants, months and method on this page as on the receipt; here its number and time exactly as printed. A supervisor consents.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="55"/>
        <source>Nomor di kuitansi</source>
        <translation>Number on the receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="56"/>
        <source>Tanggal dan jam di kuitansi</source>
        <translation>Date and time on the receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="61"/>
        <source>Masukkan lagi</source>
        <translation>Enter again</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/paper_receipt_dialog.py" line="62"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="168"/>
        <source>Kembali ke hasil pencarian</source>
        <translation>Back to the search results</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="169"/>
        <source>Surat pendaftaran</source>
        <translation>Registration letter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="170"/>
        <source>Kartu peserta</source>
        <translation>Participant card</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="171"/>
        <source>Ubah data</source>
        <translation>Edit data</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="172"/>
        <source>Bayar iuran</source>
        <translation>Pay dues</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="174"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="175"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="176"/>
        <source>Tempat, tanggal lahir</source>
        <translation>Place and date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="177"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="178"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="179"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="180"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="181"/>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="182"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="183"/>
        <source>Penghasilan dilaporkan</source>
        <translation>Declared income</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="184"/>
        <source>Program</source>
        <translation>Programs</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="185"/>
        <source>Iuran bulan ini</source>
        <translation>Dues this month</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="186"/>
        <source>Sponsor (Sertakan)</source>
        <translation>Sponsor (Sertakan)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="187"/>
        <source>Terdaftar di</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="191"/>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="193"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="193"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="193"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="193"/>
        <source>Pendidikan</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="195"/>
        <source>Riwayat iuran</source>
        <translation>Contribution history</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="196"/>
        <source>Cetak ulang kuitansi</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="197"/>
        <source>Alasan pembatalan kuitansi terpilih</source>
        <translation>Why the selected receipt should be voided</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="198"/>
        <source>Minta pembatalan</source>
        <translation>Ask to void</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="201"/>
        <source>Kuitansi</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="202"/>
        <source>Tanggal bayar</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="203"/>
        <source>Masa iuran</source>
        <translation>Months covered</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="204"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="205"/>
        <source>Keringanan</source>
        <translation>Relief</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="210"/>
        <source>Nomor klaim</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="211"/>
        <source>Manfaat</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="212"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="213"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="214"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="228"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="228"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="239"/>
        <source>{branch}, oleh {user}</source>
        <translation>{branch}, by {user}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="248"/>
        <source> (BATAL)</source>
        <translation> (VOID)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="274"/>
        <source>Riwayat klaim</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="274"/>
        <source>Riwayat klaim: belum ada klaim.</source>
        <translation>Claims: none yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="320"/>
        <source>Status: ditautkan ke KPJ lain (keputusan konflik NIK); layani orang ini dengan KPJ yang dipertahankan.</source>
        <translation>Status: linked to another KPJ (NIK conflict decision); serve this person under the KPJ that was kept.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="324"/>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="327"/>
        <source>Status: aktif — iuran lunas sampai {month}</source>
        <translation>Status: active — dues paid until {month}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="332"/>
        <source>Status: non-aktif sejak {month} (menunggak lebih dari {limit} bulan) — bulan yang terlewat tidak dapat dibayar; bergabung kembali mulai bulan ini</source>
        <translation>Status: inactive since {month} (more than {limit} months in arrears) — the missed months cannot be paid; re-joins from this month</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/participant_view.py" line="337"/>
        <source>Status: aktif — menunggak %n bulan, bayar paling lambat {day}</source>
        <translation>
            <numerusform>Status: active — %n month in arrears, pay by {day}</numerusform>
            <numerusform>Status: active — %n months in arrears, pay by {day}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="343"/>
        <source>Status: aktif — iuran lunas sampai {month}; bulan ini belum dibayar</source>
        <translation>Status: active — dues paid up to {month}; this month not yet paid</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/participant_view.py" line="345"/>
        <source>Status: terdaftar, belum ada iuran yang dibayar</source>
        <translation>Status: registered, no dues paid yet</translation>
    </message>
</context>
<context>
    <name>PaymentPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="307"/>
        <source>Tambah semua pekerja sponsor ini ({count})</source>
        <translation>Add all this sponsor&apos;s workers ({count})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="333"/>
        <source>Sponsor: {name}</source>
        <translation>Sponsor: {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="382"/>
        <source>Total: {total}</source>
        <translation>Total: {total}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="384"/>
        <source>  (iuran normal {normal}, keringanan −{relief})</source>
        <translation>  (normal dues {normal}, relief −{relief})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/payment_page.py" line="419"/>
        <source>Menunggak %n bulan — bayar paling lambat {day}.</source>
        <translation>
            <numerusform>%n month in arrears — pay by {day}.</numerusform>
            <numerusform>%n months in arrears — pay by {day}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="456"/>
        <source>kurang {amount}</source>
        <translation>{amount} short</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="509"/>
        <source>Kuitansi {number} tersimpan. Kembali: {change}</source>
        <translation>Receipt {number} saved. Change: {change}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="539"/>
        <source>Kuitansi yang ditemukan: {count}</source>
        <translation>Receipts found: {count}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="237"/>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="544"/>
        <source>Kuitansi belum dicetak</source>
        <translation>Receipts not yet printed</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="193"/>
        <source>Pembayaran iuran</source>
        <translation>Contribution payments</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="194"/>
        <source>KPJ atau NIK peserta, lalu Enter</source>
        <translation>The participant&apos;s KPJ or NIK, then Enter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="195"/>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="198"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="199"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="200"/>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="201"/>
        <source>Masa iuran</source>
        <translation>Months covered</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="202"/>
        <source>Per bulan</source>
        <translation>Per month</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="203"/>
        <source>Keringanan</source>
        <translation>Relief</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="204"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="207"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="207"/>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="207"/>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="212"/>
        <source>Dibayar oleh</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="213"/>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="214"/>
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="215"/>
        <source>Kembali</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="216"/>
        <source>No. referensi</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="221"/>
        <source>Bayar (Enter)</source>
        <translation>Pay (Enter)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="222"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="223"/>
        <source>Kuitansi kertas…</source>
        <translation>Paper receipt…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="226"/>
        <source>Memasukkan lagi kuitansi yang sudah diserahkan di atas kertas tetapi catatannya hilang bersama disk, dengan nomor dan waktunya (disetujui supervisor).</source>
        <translation>Enter again a receipt handed over on paper whose record went with the disk, with its number and time (a supervisor consents).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="230"/>
        <source>Peserta sendiri</source>
        <translation>The participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="234"/>
        <source>Cari kuitansi: nomor, KPJ, nama, pembayar, atau tanggal hh-bb-tttt, lalu Enter</source>
        <translation>Find receipts: number, KPJ, name, payer, or a date dd-mm-yyyy, then Enter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="238"/>
        <source>Lihat dan cetak kuitansi terpilih</source>
        <translation>View and print the selected receipt</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="405"/>
        <source>Tunggakan saat kejadian klaim {number}: {months}. Klaim berlanjut setelah dibayar.</source>
        <translation>Arrears at the event of claim {number}: {months}. The claim goes on once they are paid.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="412"/>
        <source>Non-aktif sejak {since} (tunggakan melewati batas): bergabung kembali mulai {first}; bulan yang terlewat tidak dapat dibayar.</source>
        <translation>Inactive since {since} (arrears past the limit): re-joins from {first}; the missed months cannot be paid.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="427"/>
        <source>{period}: {programs} per bulan{basis}</source>
        <translation>{period}: {programs} a month{basis}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/payment_page.py" line="550"/>
        <source> · BATAL</source>
        <translation> · VOID</translation>
    </message>
</context>
<context>
    <name>PayoutDialog</name>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="58"/>
        <source>Pembayaran klaim {number}</source>
        <translation>Payout of claim {number}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="61"/>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="62"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="73"/>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="74"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="75"/>
        <source>Bank tujuan</source>
        <translation>Destination bank</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="76"/>
        <source>Rekening tujuan</source>
        <translation>Destination account</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/claims/dialogs.py" line="77"/>
        <source>No. referensi transfer</source>
        <translation>Transfer reference</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="96"/>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="97"/>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="98"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="113"/>
        <source>Mencetak ke {name}…</source>
        <translation>Printing to {name}…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="121"/>
        <source>Dikirim ke printer {name}.</source>
        <translation>Sent to printer {name}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="137"/>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="143"/>
        <source>Gagal menyimpan: {reason}</source>
        <translation>Could not save: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pdf_preview.py" line="145"/>
        <source>Tersimpan di {path}</source>
        <translation>Saved to {path}</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="86"/>
        <source>Panggil berikutnya (F2)</source>
        <translation>Call next (F2)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="87"/>
        <source>Panggil ulang</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="88"/>
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="89"/>
        <source>Tidak hadir saat dipanggil</source>
        <translation>Did not come when called</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="90"/>
        <source>Alihkan…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="91"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="92"/>
        <source>Jeda</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="93"/>
        <source>Prioritas…</source>
        <translation>Priority…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="111"/>
        <source>Melayani {code}</source>
        <translation>Serving {code}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="113"/>
        <source>Tidak ada nomor</source>
        <translation>No number</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="116"/>
        <source>{waiting} menunggu ({services})</source>
        <translation>{waiting} waiting ({services})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="119"/>
        <source>JEDA</source>
        <translation>ON A BREAK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="146"/>
        <source>Tidak ada yang menunggu.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="169"/>
        <source>Jalur prioritas</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_bar.py" line="170"/>
        <source>Nomor yang menunggu (lansia, disabilitas, ibu hamil):</source>
        <translation>Waiting number (elderly, disabled, pregnant):</translation>
    </message>
</context>
<context>
    <name>QueueDisplay</name>
    <message>
        <location filename="../../src/loket/ui/queue_display.py" line="192"/>
        <source>Nomor dipanggil</source>
        <translation>Number called</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_display.py" line="193"/>
        <source>Panggilan terakhir</source>
        <translation>Last calls</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/queue_display.py" line="218"/>
        <source>{prefix} {name}: {waiting} menunggu</source>
        <translation>{prefix} {name}: {waiting} waiting</translation>
    </message>
</context>
<context>
    <name>QueueService</name>
    <message>
        <location filename="../../src/loket/ui/service_names.py" line="11"/>
        <source>Pendaftaran &amp; iuran</source>
        <translation>Registration &amp; dues</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/service_names.py" line="12"/>
        <source>Klaim JHT</source>
        <translation>JHT claims</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/service_names.py" line="13"/>
        <source>Klaim JKM/JKK &amp; beasiswa</source>
        <translation>JKM/JKK claims &amp; scholarships</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/service_names.py" line="14"/>
        <source>Informasi/pengaduan</source>
        <translation>Information/complaints</translation>
    </message>
</context>
<context>
    <name>QueueSetup</name>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="110"/>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="116"/>
        <source>Huruf</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="110"/>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="110"/>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="118"/>
        <source>Kuota harian</source>
        <translation>Daily quota</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="110"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="111"/>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="113"/>
        <source>Layanan terpilih atau baru</source>
        <translation>Selected or new service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="114"/>
        <source>Layanan tiap loket</source>
        <translation>Services of each counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="117"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="119"/>
        <source>0: tanpa batas. Bila kuota habis, kiosk menawarkan booking online.</source>
        <translation>0: no limit. When the quota is taken, the kiosk offers the online booking.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="120"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="121"/>
        <source>Huruf layanan menurut urutan, mis. C,A (loket memanggil C dulu); kosong: semua layanan.</source>
        <translation>The services&apos; letters in order, e.g. C,A (the counter calls C first); empty: every service.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="126"/>
        <source>Melayani</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="127"/>
        <source>Simpan layanan</source>
        <translation>Save service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="128"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="143"/>
        <source>tanpa batas</source>
        <translation>no limit</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="144"/>
        <source>melayani</source>
        <translation>serving</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="144"/>
        <source>dihentikan</source>
        <translation>retired</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="145"/>
        <source>%n nomor, {waiting} menunggu</source>
        <translation>
            <numerusform>%n number, {waiting} waiting</numerusform>
            <numerusform>%n numbers, {waiting} waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="196"/>
        <source>Layanan {prefix} tersimpan.</source>
        <translation>Service {prefix} saved.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="204"/>
        <source>{counter} melayani: {services}.</source>
        <translation>{counter} serves: {services}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/queue_setup.py" line="206"/>
        <source>semua layanan</source>
        <translation>every service</translation>
    </message>
</context>
<context>
    <name>RatingPad</name>
    <message>
        <location filename="../../src/loket/ui/rating_pad.py" line="50"/>
        <source>Bagaimana pelayanan kami hari ini?</source>
        <translation>How was our service today?</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/rating_pad.py" line="63"/>
        <source>Terima kasih! (nomor {code})</source>
        <translation>Thank you! (number {code})</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../src/loket/ui/receipt_preview.py" line="37"/>
        <source>Kuitansi {number}</source>
        <translation>Receipt {number}</translation>
    </message>
</context>
<context>
    <name>RecoveryBanner</name>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="55"/>
        <source>Sudah ditangani…</source>
        <translation>Seen to…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="61"/>
        <source>PERHATIAN — database dipulihkan dari cadangan {backup}. Yang dibuat sesudahnya dan tidak ada di server pusat harus dimasukkan lagi dari arsip kertas:</source>
        <translation>WARNING — the database was restored from backup {backup}. What was made after it and is not on the central server must be entered again from the paper archive:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="66"/>
        <source>Kuitansi:</source>
        <translation>Receipts:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="67"/>
        <source>Klaim:</source>
        <translation>Claims:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="68"/>
        <source>Berita acara:</source>
        <translation>Handover records:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="69"/>
        <source>Hari yang sudah ditutup:</source>
        <translation>Days already closed:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="70"/>
        <source>Nomor terpakai dua kali (hubungi pemegangnya):</source>
        <translation>Numbers used twice (call their holders):</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="75"/>
        <source>… dan {count} lagi (&apos;loket-admin sync status&apos;)</source>
        <translation>… and {count} more (&apos;loket-admin sync status&apos;)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="83"/>
        <source>Seorang supervisor menandai daftar ini bila sudah ditangani.</source>
        <translation>A supervisor marks this list when it was seen to.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="90"/>
        <source>Pemulihan sudah ditangani?</source>
        <translation>Recovery seen to?</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="92"/>
        <source>Semua kuitansi, klaim dan berita acara di daftar sudah dimasukkan lagi dari arsip kertas, dan pemegang nomor ganda sudah dihubungi? Daftar ini lalu hilang dari setiap loket; tanda ini dicatat di jejak audit atas nama Anda.</source>
        <translation>Were all receipts, claims and handover records in the list entered again from the paper archive, and the holders of numbers used twice called? The list then goes from every counter; the mark is recorded in the audit trail in your name.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="96"/>
        <source>Ya, sudah ditangani</source>
        <translation>Yes, seen to</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/recovery_banner.py" line="97"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="261"/>
        <source>&amp;NIK</source>
        <translation>&amp;NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="262"/>
        <source>Nama &amp;lengkap</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="263"/>
        <source>&amp;Tempat lahir</source>
        <translation>Place of &amp;birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="264"/>
        <source>Tanggal la&amp;hir</source>
        <translation>&amp;Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="265"/>
        <source>Jenis &amp;kelamin</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="266"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="267"/>
        <source>&amp;Provinsi</source>
        <translation>&amp;Province</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="268"/>
        <source>Kabupaten/&amp;kota</source>
        <translation>Regency/&amp;city</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="269"/>
        <source>&amp;Telepon</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="270"/>
        <source>&amp;E-mail (boleh kosong)</source>
        <translation>&amp;E-mail (optional)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="271"/>
        <source>Peker&amp;jaan</source>
        <translation>Occ&amp;upation</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="272"/>
        <source>Se&amp;gmen</source>
        <translation>Se&amp;gment</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="273"/>
        <source>NPP perusahaan</source>
        <translation>Employer NPP</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="274"/>
        <source>Penghasilan per &amp;bulan</source>
        <translation>Monthly &amp;income</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="275"/>
        <source>Program</source>
        <translation>Programs</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="279"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="280"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="281"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="282"/>
        <source>— pilih pekerjaan —</source>
        <translation>— choose the occupation —</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="283"/>
        <source>JHT (Jaminan Hari Tua, pilihan)</source>
        <translation>JHT (old-age savings, optional)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="284"/>
        <source>Saya sudah memastikan ini orang yang berbeda</source>
        <translation>I have checked that this is a different person</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="285"/>
        <source>Buka data peserta itu</source>
        <translation>Open that participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="286"/>
        <source>Daftarkan (Ctrl+Enter)</source>
        <translation>Register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="287"/>
        <source>Kosongkan formulir</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="301"/>
        <source>16 angka dari KTP; tanggal lahir dan jenis kelamin diisi otomatis.</source>
        <translation>16 digits from the KTP; date of birth and sex are filled in for you.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="310"/>
        <source>{count} dari 16 angka</source>
        <translation>{count} of 16 digits</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="324"/>
        <source>laki-laki</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="324"/>
        <source>perempuan</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="331"/>
        <source>⚠ Kode kabupaten/kota {code} tidak dikenal di {province} — periksa NIK (salah ketik?) · {date} · {sex}</source>
        <translation>⚠ Regency code {code} is unknown in {province} — check the NIK (a typo?) · {date} · {sex}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="356"/>
        <source>✗ NIK ini sudah terdaftar: {name}, KPJ {kpj}.</source>
        <translation>✗ This NIK is already registered: {name}, KPJ {kpj}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="370"/>
        <source>Tidak sama dengan NIK: jenis kelamin</source>
        <translation>Differs from the NIK: sex</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="376"/>
        <source>Tanggal lahir berbeda dari NIK ({date}): perlu persetujuan supervisor</source>
        <translation>Birth date differs from the NIK&apos;s ({date}): needs a supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="488"/>
        <source>Terdaftar: {name}, KPJ {kpj}</source>
        <translation>Registered: {name}, KPJ {kpj}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="259"/>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="507"/>
        <source>Surat pendaftaran</source>
        <translation>Registration letter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="255"/>
        <source>Pendaftaran peserta</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="257"/>
        <source>Bayar iuran sekarang</source>
        <translation>Pay dues now</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="258"/>
        <location filename="../../src/loket/ui/pages/registration_page.py" line="507"/>
        <source>Kartu peserta</source>
        <translation>Participant card</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../src/loket/ui/role_names.py" line="10"/>
        <source>Petugas pelayanan</source>
        <translation>Counter staff</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/role_names.py" line="11"/>
        <source>Kepala bidang pelayanan</source>
        <translation>Head of service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/role_names.py" line="12"/>
        <source>Kepala kantor cabang</source>
        <translation>Branch head</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/role_names.py" line="13"/>
        <source>Admin cabang</source>
        <translation>Branch admin</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="116"/>
        <source>Cari peserta</source>
        <translation>Find participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="118"/>
        <source>NIK, KPJ, nomor telepon, atau nama (sebagian pun boleh)</source>
        <translation>NIK, KPJ, phone number or name (parts will do)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="122"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="123"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="124"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="125"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="126"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="127"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="143"/>
        <source>Ketik untuk mencari; Enter membuka hasil pertama.</source>
        <translation>Type to search; Enter opens the first result.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="146"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="146"/>
        <source>Tidak ada peserta yang cocok.</source>
        <translation>No matching participant.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/ui/pages/search_page.py" line="155"/>
        <source>%n peserta ditampilkan{more}</source>
        <translation>
            <numerusform>%n participant shown{more}</numerusform>
            <numerusform>%n participants shown{more}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="156"/>
        <source> — gulir untuk melihat lebih banyak</source>
        <translation> — scroll for more</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="166"/>
        <source>Tidak terdaftar di cabang ini, tetapi di cabang {branch}: KPJ {kpj}. Data lengkapnya ada di cabang itu.</source>
        <translation>Not registered at this branch, but at branch {branch}: KPJ {kpj}. The full record is at that branch.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="170"/>
        <source>KPJ ini sudah ditautkan ke KPJ {kpj}.</source>
        <translation>This KPJ has been linked to KPJ {kpj}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="203"/>
        <source>Perubahan disimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="205"/>
        <source>Perubahan data identitas menunggu persetujuan kepala bidang.</source>
        <translation>The identity changes wait for a head of service to approve them.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="230"/>
        <source>Surat pendaftaran</source>
        <translation>Registration letter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="230"/>
        <source>Kartu peserta</source>
        <translation>Participant card</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/search_page.py" line="254"/>
        <source>Pembatalan diminta; menunggu persetujuan kepala bidang.</source>
        <translation>Void requested; waiting for a head of service to approve.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="81"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="83"/>
        <source>&amp;Bahasa tampilan</source>
        <translation>Display &amp;language</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="84"/>
        <source>&amp;Kunci layar setelah diam</source>
        <translation>&amp;Lock screen after idle</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="85"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="86"/>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="90"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="91"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="93"/>
        <source>Berlaku untuk semua loket di cabang ini.</source>
        <translation>Applies to every counter in this branch.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="95"/>
        <source>Hanya kepala bidang atau admin yang dapat mengubahnya.</source>
        <translation>Only a head of service or an admin can change this.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="113"/>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>SponsorBox</name>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="60"/>
        <source>Didaftarkan oleh sponsor (Sertakan)</source>
        <translation>Registered by a sponsor (Sertakan)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="61"/>
        <source>Organisasi/usaha</source>
        <translation>Organisation/business</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="62"/>
        <source>Perorangan</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="66"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="67"/>
        <source>Nama sponsor</source>
        <translation>Sponsor name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="68"/>
        <source>Narahubung</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="69"/>
        <source>Telepon sponsor</source>
        <translation>Sponsor phone</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="70"/>
        <source>Sumber dana iuran</source>
        <translation>Dues funded by</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="77"/>
        <source>Swasta/pribadi</source>
        <translation>Private</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="78"/>
        <source>APBN (anggaran negara)</source>
        <translation>APBN (state budget)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="79"/>
        <source>APBD (anggaran daerah)</source>
        <translation>APBD (regional budget)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="83"/>
        <source>Selesai dengan sponsor ini</source>
        <translation>Done with this sponsor</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sponsor_box.py" line="85"/>
        <source>Sponsor tersimpan: {name}</source>
        <translation>Sponsor saved: {name}</translation>
    </message>
</context>
<context>
    <name>SupervisorOverrideDialog</name>
    <message>
        <location filename="../../src/loket/ui/supervisor_override.py" line="40"/>
        <source>Persetujuan supervisor</source>
        <translation>Supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/supervisor_override.py" line="27"/>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor&apos;s username</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/supervisor_override.py" line="28"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/supervisor_override.py" line="47"/>
        <source>Alasan (ditulis supervisor)</source>
        <translation>Reason (written by the supervisor)</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/supervisor_override.py" line="52"/>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="118"/>
        <source>Server pusat</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="121"/>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="121"/>
        <source>Token cabang</source>
        <translation>Branch token</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="121"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="125"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="126"/>
        <source>Uji koneksi</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="127"/>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="146"/>
        <source>Token tersimpan di keyring sistem ({backend}); kosongkan agar tetap.</source>
        <translation>A token is stored in the system keyring ({backend}); leave empty to keep it.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="148"/>
        <source>Belum ada token; token disimpan di keyring sistem ({backend}).</source>
        <translation>No token yet; it will be kept in the system keyring ({backend}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="159"/>
        <source>Ditolak server pusat ({count}): tidak diterapkan di sana; kejadian lain tetap terkirim. Laporkan ke kantor wilayah.</source>
        <translation>Refused by the central server ({count}): not applied there; the other events were sent. Report this to the regional office.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="176"/>
        <source>Database dipulihkan dari cadangan {backup}. Sinkronisasi berikutnya menarik dari server pusat apa yang dibuat sesudah cadangan itu, sebelum mengirim apa pun.</source>
        <translation>Database restored from backup {backup}. The next sync pulls from the central server what was made after that backup, before it sends anything.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="182"/>
        <source>Dipulihkan dari cadangan {backup}: {events} kejadian sesudahnya ditarik dari server pusat; nomor berikutnya melanjutkan nomor itu.</source>
        <translation>Restored from backup {backup}: {events} later events pulled from the central server; the next numbers go on after theirs.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="187"/>
        <source>Masukkan lagi dari arsip kertas — kuitansi:</source>
        <translation>Enter again from the paper archive — receipts:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="188"/>
        <source>Klaim:</source>
        <translation>Claims:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="189"/>
        <source>Berita acara:</source>
        <translation>Handover records:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="190"/>
        <source>PERHATIAN, nomor terpakai dua kali:</source>
        <translation>WARNING, numbers used twice:</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="217"/>
        <source>Tersimpan. Sinkronisasi dimulai.</source>
        <translation>Saved. Sync is starting.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="222"/>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/sync_page.py" line="243"/>
        <source>Tersambung: server mengenali cabang {code} ({name}).</source>
        <translation>Connected: the server recognises branch {code} ({name}).</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="19"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="30"/>
        <source>Sinkronisasi: token belum ada di komputer ini</source>
        <translation>Sync: no token on this computer</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="33"/>
        <source>Sinkronisasi: belum diatur</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="34"/>
        <source>{count} menunggu</source>
        <translation>{count} waiting</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="35"/>
        <source>terakhir {when}</source>
        <translation>last {when}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="40"/>
        <source>● Daring</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="42"/>
        <source>⟳ Menyinkronkan…</source>
        <translation>⟳ Syncing…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="44"/>
        <source>✕ Ditolak server</source>
        <translation>✕ Refused by the server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="46"/>
        <source>○ Luring</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="48"/>
        <source>Sinkronisasi: memeriksa…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="53"/>
        <source>Dicoba lagi dalam {seconds} detik.</source>
        <translation>Trying again in {seconds} seconds.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/sync_status.py" line="58"/>
        <source>{count} konflik NIK</source>
        <translation>NIK conflicts: {count}</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="113"/>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="115"/>
        <location filename="../../src/loket/ui/pages/users_page.py" line="122"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="115"/>
        <location filename="../../src/loket/ui/pages/users_page.py" line="122"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="115"/>
        <location filename="../../src/loket/ui/pages/users_page.py" line="122"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="116"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="118"/>
        <source>Atur ulang kata sandi…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="119"/>
        <source>Tambah pengguna</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="126"/>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="127"/>
        <source>Ubah peran</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="144"/>
        <source>nonaktif</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="146"/>
        <source>terkunci sementara</source>
        <translation>locked for a while</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="148"/>
        <source>aktif · sandi sekali pakai</source>
        <translation>active · one-time password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="149"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="180"/>
        <source>Aktifkan</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="180"/>
        <source>Nonaktifkan</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="205"/>
        <source>{user} ditambahkan. Kata sandi sekali pakai: {password} — berikan kepada {name}; ia memilih kata sandinya sendiri saat pertama masuk.</source>
        <translation>{user} added. One-time password: {password} — give it to {name}, who chooses their own at the first login.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="221"/>
        <source>{user} diaktifkan.</source>
        <translation>{user} enabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="223"/>
        <source>{user} dinonaktifkan.</source>
        <translation>{user} disabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="238"/>
        <source>{user} kini {role}, mulai saat ia masuk berikutnya.</source>
        <translation>{user} is now {role}, from their next login.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="250"/>
        <source>Atur ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="251"/>
        <source>Atur ulang kata sandi {name} ({user})? Kata sandinya sekarang tidak berlaku lagi; ia masuk dengan kata sandi sekali pakai yang ditampilkan dan memilih kata sandinya sendiri.</source>
        <translation>Reset the password of {name} ({user})? Their current password stops working; they log in with the one-time password shown and choose their own.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="255"/>
        <source>Atur ulang</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="256"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/users_page.py" line="266"/>
        <source>Kata sandi sekali pakai {user}: {password} — ia memilih kata sandinya sendiri saat masuk berikutnya.</source>
        <translation>One-time password for {user}: {password} — they choose their own at the next login.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../src/loket/cli/common.py" line="43"/>
        <source>Kata sandi tidak terbaca dari input standar.</source>
        <translation>No password could be read from standard input.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="51"/>
        <source>Kata sandi baru untuk {user}: </source>
        <translation>New password for {user}: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="53"/>
        <location filename="../../src/loket/cli/common.py" line="67"/>
        <source>Ulangi kata sandi: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="54"/>
        <location filename="../../src/loket/cli/common.py" line="68"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="65"/>
        <source>Kata sandi baru peran PostgreSQL {role}: </source>
        <translation>New password of PostgreSQL role {role}: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="71"/>
        <source>Kata sandi peran PostgreSQL {role} minimal 12 karakter.</source>
        <translation>The password of PostgreSQL role {role} needs at least 12 characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="36"/>
        <source>--branch-code dan --branch-name harus diisi bersama.</source>
        <translation>--branch-code and --branch-name go together.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="39"/>
        <source>--province wajib diisi (mis. 64 untuk Kalimantan Timur): zona waktu cabang mengikutinya.</source>
        <translation>--province is required (e.g. 64 for Kalimantan Timur): the branch&apos;s time zone follows it.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="55"/>
        <source>Cabang {code} ({name}) disiapkan dengan Loket 1.</source>
        <translation>Branch {code} ({name}) set up with Loket 1.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="60"/>
        <source>Database siap: {db} (skema {rev}).</source>
        <translation>Database ready: {db} (schema {rev}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="66"/>
        <source>Belum ada cabang: jalankan &apos;loket-admin init --branch-code …&apos; atau demo.</source>
        <translation>No branch yet: run &apos;loket-admin init --branch-code …&apos; or demo.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="90"/>
        <source>Awalan KPJ cabang {code}: {prefix}.</source>
        <translation>KPJ prefix of branch {code}: {prefix}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="25"/>
        <source>{read} baris dibaca: {imported} baru, {updated} diperbarui, {skipped} dilewati, {bad} ditolak</source>
        <translation>{read} rows read: {imported} new, {updated} updated, {skipped} skipped, {bad} rejected</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="54"/>
        <source>Baris yang ditolak dan alasannya: {file}</source>
        <translation>Rejected rows and why: {file}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="98"/>
        <source>Database sudah berisi cabang {code}; demo tidak dibuat.</source>
        <translation>The database already holds branch {code}; no demo created.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="105"/>
        <location filename="../../src/loket/cli/setup.py" line="108"/>
        <source>Cabang demo KC Banjarmasin (BJM) dibuat di {db}.</source>
        <translation>Demo branch KC Banjarmasin (BJM) created in {db}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="121"/>
        <source>Catat kata sandi ini; hanya ditampilkan sekali:</source>
        <translation>Note these passwords; they are shown only once:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="64"/>
        <source>Pengguna {user} ({role}) ditambahkan.</source>
        <translation>User {user} ({role}) added.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="73"/>
        <location filename="../../src/loket/cli/setup.py" line="212"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="73"/>
        <location filename="../../src/loket/cli/setup.py" line="212"/>
        <source>nonaktif</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="75"/>
        <source>(terkunci sampai {time})</source>
        <translation>(locked until {time})</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="90"/>
        <source>Pengguna {user} dinonaktifkan.</source>
        <translation>User {user} disabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="96"/>
        <source>Pengguna {user} diaktifkan.</source>
        <translation>User {user} enabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="103"/>
        <source>Peran {user} kini {role} (berlaku saat ia masuk berikutnya).</source>
        <translation>{user}&apos;s role is now {role} (from their next login).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/people.py" line="112"/>
        <source>Kata sandi {user} diatur ulang; kunci akun dibuka.</source>
        <translation>Password of {user} reset; the account is unlocked.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="146"/>
        <source>{name} (nomor {number}) ditambahkan.</source>
        <translation>{name} (number {number}) added.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="153"/>
        <source>{name}: printer {printer}, kertas {paper}.</source>
        <translation>{name}: printer {printer}, paper {paper}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="155"/>
        <source>(bawaan sistem)</source>
        <translation>(system default)</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="168"/>
        <source>Halaman uji {name} ditulis ke {file}.</source>
        <translation>Test page for {name} written to {file}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="180"/>
        <source>(dihentikan)</source>
        <translation>(retired)</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="187"/>
        <source>Loket nomor {number} kini {name}.</source>
        <translation>Counter number {number} is now {name}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="193"/>
        <source>{name} dihentikan.</source>
        <translation>{name} retired.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="199"/>
        <source>{name} melayani lagi.</source>
        <translation>{name} serves again.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="209"/>
        <source>kuota {n}</source>
        <translation>quota {n}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="211"/>
        <source>tanpa kuota</source>
        <translation>no quota</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="213"/>
        <source>hari ini {n} nomor</source>
        <translation>today {n} numbers</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="214"/>
        <source>{n} menunggu</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="235"/>
        <source>Loket {number} melayani: {services}.</source>
        <translation>Counter {number} serves: {services}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="237"/>
        <source>semua layanan</source>
        <translation>every service</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="250"/>
        <source>{label:&lt;32} {issued} nomor, {served} dilayani, {no_show} tidak hadir, {left} masih menunggu; tunggu rata-rata {wait} menit, layanan {service} menit; nilai {rating} ({ratings})</source>
        <translation>{label:&lt;32} {issued} numbers, {served} served, {no_show} did not come, {left} still waiting; average wait {wait} min, service {service} min; rating {rating} ({ratings})</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="276"/>
        <source>(ditetapkan server pusat)</source>
        <translation>(decided by the central server)</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="36"/>
        <source>Cadangan {file} ({size} MB) diperiksa: utuh, {entries} entri audit.</source>
        <translation>Backup {file} ({size} MB) checked: sound, {entries} audit entries.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="42"/>
        <source>  dihapus (rotasi): {file}</source>
        <translation>  deleted (rotation): {file}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="55"/>
        <source>Dipulihkan dari {file}: {entries} entri audit, rantai utuh.</source>
        <translation>Restored from {file}: {entries} audit entries, the chain holds.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="61"/>
        <source>Database yang diganti disimpan sebagai {file}.</source>
        <translation>The replaced database was kept as {file}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="92"/>
        <location filename="../../src/loket/cli/recovery.py" line="204"/>
        <source>Kata sandi {account}: </source>
        <translation>Password of {account}: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="211"/>
        <source>Tersambung ke {db} (skema {rev}); kata sandi di keyring.</source>
        <translation>Connected to {db} (schema {rev}); the password is in the keyring.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="232"/>
        <source>{file} tidak bisa ditulis pengguna ini: sebagai administrator/root jalankan &apos;loket-admin connect --config-only {url}&apos;.</source>
        <translation>{file} cannot be written by this user: as administrator/root run &apos;loket-admin connect --config-only {url}&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="242"/>
        <source>Komputer ini memakai {db} ({file}).</source>
        <translation>This computer uses {db} ({file}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="252"/>
        <source>Bundel dukungan {file} ditulis (log, versi, pengaturan, audit; tanpa data pribadi dan rahasia).</source>
        <translation>Support bundle {file} written (logs, versions, settings, audit; no personal data, no secrets).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="32"/>
        <source>Rantai audit RUSAK pada entri {seq}: {problem} ({count} entri sebelumnya utuh).</source>
        <translation>Audit chain BROKEN at entry {seq}: {problem} ({count} earlier entries intact).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="48"/>
        <source>Komputer ini tidak punya token cabang: jejak audit hanya menyimpan NIK tersamar, dan tanpa kuncinya tidak dapat dicocokkan.</source>
        <translation>This computer has no branch token: the audit trail keeps NIKs masked, and without its key they cannot be matched.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="80"/>
        <source>Cabang memulihkan cadangan: rantai kembali ke entri {seq} dan berlanjut dari sana (server pusat diberi tahu {at}).</source>
        <translation>The branch restored a backup: the chain went back to entry {seq} and went on from there (the central server was told {at}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="90"/>
        <source>Rantai audit RUSAK: {problem}.</source>
        <translation>Audit chain BROKEN: {problem}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="94"/>
        <source>Rantai audit utuh: {count} entri; server pusat belum pernah menerima jangkarnya, jadi tidak ada yang terbukti di luar komputer ini.</source>
        <translation>Audit chain intact: {count} entries; the central server has not received its anchor yet, so nothing is proven outside this computer.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="103"/>
        <source>Rantai audit utuh: {count} entri; entri 1–{seq} terbukti sama dengan yang diterima server pusat ({at}); entri sesudahnya hanya tercatat di sini.</source>
        <translation>Audit chain intact: {count} entries; entries 1–{seq} are proven the same as the central server received ({at}); later entries are recorded here only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="119"/>
        <source>Token cabang {code}: </source>
        <translation>Token of branch {code}: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/common.py" line="105"/>
        <source>Itu bukan token cabang {code}.</source>
        <translation>That is not branch {code}&apos;s token.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="138"/>
        <source>Token disimpan di keyring sistem.</source>
        <translation>Token stored in the system keyring.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/cli/sync.py" line="215"/>
        <source>%n kejadian yang belum terkirim ditulis ke {file}.</source>
        <translation>
            <numerusform>%n unsent event written to {file}.</numerusform>
            <numerusform>%n unsent events written to {file}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="22"/>
        <source>Laporan {first} s.d. {last} ditulis ke {file}: {receipts} kuitansi, {paid} diterima.</source>
        <translation>Report {first} to {last} written to {file}: {receipts} receipts, {paid} received.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="46"/>
        <source>ditutup oleh {name} {at}, audit #{seq}</source>
        <translation>closed by {name} {at}, audit #{seq}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="52"/>
        <source>terbuka</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="54"/>
        <source>terbuka, tanpa sesi kas</source>
        <translation>open, no cash sessions</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="57"/>
        <source>kas terbuka</source>
        <translation>drawer open</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/reports.py" line="57"/>
        <source>kas ditutup</source>
        <translation>drawer closed</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/__init__.py" line="59"/>
        <source>PostgreSQL: {what} dibuat.</source>
        <translation>PostgreSQL: {what} created.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/__init__.py" line="67"/>
        <source>Database: {db}, cabang {code}</source>
        <translation>Database: {db}, branch {code}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/__init__.py" line="85"/>
        <source>masukan berakhir sebelum diketik; tidak ada yang diubah.</source>
        <translation>the input ended before it was typed; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/__init__.py" line="93"/>
        <source>kesalahan tak terduga (referensi {ref}); rinciannya di {log}</source>
        <translation>unexpected error (reference {ref}); the details are in {log}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="110"/>
        <source>{people} peserta, {receipts} kuitansi (dibatalkan: {voided}); klaim {waiting} menunggu persetujuan kepala; klaim {handed} sudah diserahterimakan.</source>
        <translation>{people} participants, {receipts} receipts (voided: {voided}); claim {waiting} waits for the branch head&apos;s approval; claim {handed} has been handed over.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="104"/>
        <source>Sinkronisasi tidak diatur: yang dibuat setelah cadangan ini tidak bisa dicari di server pusat. Periksa arsip kertas (kuitansi, klaim).</source>
        <translation>Sync is not set up: what was made after this backup cannot be looked up on the central server. Check the paper archive (receipts, claims).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="90"/>
        <source>Server pusat belum bisa dihubungi ({problem}). Sinkronisasi berikutnya menarik yang kurang sebelum mengirim apa pun; sampai itu, nomor kuitansi sesudah cadangan bisa terpakai dua kali.</source>
        <translation>The central server cannot be reached yet ({problem}). The next sync pulls back what is missing before it sends anything; until then, receipt numbers after the backup may be used twice.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/setup.py" line="76"/>
        <source>Perintah lain di komputer ini memakai database lain ({default}) kecuali diberi --db. Agar komputer ini memakai database ini: &apos;sudo loket-admin connect --config-only {url}&apos; (dengan alamat jaringan komputer utama bagi loket lain).</source>
        <translation>Other commands on this computer use another database ({default}) unless given --db. To make this computer use this database: &apos;sudo loket-admin connect --config-only {url}&apos; (with the main computer&apos;s network address on the other counters).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="76"/>
        <source>Tanpa token cabang di sini, server pusat belum ditanya. Sinkronisasi pertama sebuah loket yang memegang token menarik yang kurang sebelum mengirim apa pun, lalu menyebut nomor berikutnya; sampai itu jangan buka loket (nomor sesudah cadangan bisa terpakai dua kali).</source>
        <translation>Without the branch token here, the central server was not asked. The first sync of a counter that holds the token pulls back what is missing before it sends anything, then names the next numbers; until then keep the counters closed (numbers after the backup could be used twice).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="122"/>
        <source>Token cabang {code} untuk menanyai server pusat (Enter: lewati): </source>
        <translation>Token of branch {code} to ask the central server (Enter: skip): </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="128"/>
        <source>Nomor berikutnya: {numbers}. Dokumen kertas bernomor itu atau lebih besar dibuat sesudah semua yang tersimpan di sini dan di server pusat, dan hilang bersama disknya: masukkan lagi dari arsip kertas.</source>
        <translation>Next numbers: {numbers}. Paper documents numbered so or higher were made after all that is kept here and on the central server, and went with the disk: enter them again from the paper archive.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="140"/>
        <source>Dari server pusat: {events} kejadian sesudah cadangan ditarik kembali; rantai audit berlanjut dari entri {seq} (server diberi tahu).</source>
        <translation>From the central server: {events} events after the backup pulled back; the audit chain goes on from entry {seq} (the server was told).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="149"/>
        <source>Kuitansi yang tidak ada di salinan ini (masukkan lagi dari arsip):</source>
        <translation>Receipts this copy lacks (enter them again from the archive):</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="151"/>
        <source>Klaim yang tidak ada di salinan ini:</source>
        <translation>Claims this copy lacks:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="152"/>
        <source>Berita acara yang tidak ada di salinan ini:</source>
        <translation>Handover records this copy lacks:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="153"/>
        <source>Hari yang sudah ditutup di server:</source>
        <translation>Days already closed on the server:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="154"/>
        <source>Peserta terdaftar sesudah cadangan (kini dikenali cek ganda):</source>
        <translation>Participants registered after the backup (now known to the duplicate check):</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="156"/>
        <source>PERHATIAN, nomor yang terpakai dua kali sejak pemulihan:</source>
        <translation>WARNING, numbers used twice since the restore:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="174"/>
        <source>Token cabang {code} (Enter: lewati): </source>
        <translation>Token of branch {code} (Enter: skip): </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="178"/>
        <source>Tanpa token cabang komputer ini tidak sinkron dan kode QR dokumennya tidak ditandatangani: sebagai pengguna ini jalankan &apos;loket-admin sync set-token&apos;.</source>
        <translation>Without the branch token this computer does not sync and its documents&apos; QR codes are not signed: as this user run &apos;loket-admin sync set-token&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="186"/>
        <source>Token cabang {code} disimpan di keyring pengguna ini.</source>
        <translation>Branch {code}&apos;s token stored in this user&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/recovery.py" line="222"/>
        <source>Komputer ini sudah memakai {db} ({file}).</source>
        <translation>This computer already uses {db} ({file}).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/cli/sync.py" line="29"/>
        <source>Rantai audit utuh: %n entri diperiksa.</source>
        <translation>
            <numerusform>Audit chain intact: %n entry checked.</numerusform>
            <numerusform>Audit chain intact: %n entries checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/loket/cli/sync.py" line="62"/>
        <source>%n entri tentang NIK {nik}.</source>
        <translation>
            <numerusform>%n entry about NIK {nik}.</numerusform>
            <numerusform>%n entries about NIK {nik}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="153"/>
        <source>{pending} kejadian menunggu; sinkron terakhir berhasil {last}; konflik NIK terbuka {conflicts}; ditolak server pusat {refused}.</source>
        <translation>{pending} events waiting; last successful sync {last}; open NIK conflicts {conflicts}; refused by the central server {refused}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="164"/>
        <source>Galat terakhir: {error}</source>
        <translation>Last error: {error}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="170"/>
        <source>Daftar ini tampil di setiap loket sampai seorang supervisor menandainya sudah ditangani di aplikasi.</source>
        <translation>This list shows at every counter until a supervisor marks it seen to in the application.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="178"/>
        <source>Ditolak server pusat (tidak diterapkan di sana):</source>
        <translation>Refused by the central server (not applied there):</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="203"/>
        <source>{pushed} kejadian terkirim, {pulled} data rujukan diterima.</source>
        <translation>{pushed} events sent, {pulled} reference items received.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="229"/>
        <source>{file} ditolak, tidak ada yang diubah: {reason}</source>
        <translation>{file} refused, nothing changed: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli/sync.py" line="234"/>
        <source>{stored} data rujukan disimpan; {acked} kejadian dinyatakan terkirim.</source>
        <translation>{stored} reference items stored; {acked} events acknowledged.</translation>
    </message>
</context>
</TS>
